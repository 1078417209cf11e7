namespace RoboClub.Firmware.Tests.BindingFakes;

/// <summary>What the fake nanoFramework bindings were asked to do, in order (one test at a time uses it).</summary>
public static class HardwareLog
{
    public static readonly List<string> Calls = new();

    /// <summary>Pins that "have" a PWM channel (SetPinFunction was called); CreateFromPin returns null otherwise, like nanoFramework.</summary>
    public static readonly Dictionary<int, string> PinFunctions = new();

    public static void Clear()
    {
        Calls.Clear();
        PinFunctions.Clear();
    }

    public static void Add(string call) => Calls.Add(call);
}
