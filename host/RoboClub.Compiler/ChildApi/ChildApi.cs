// The child API: what a child's C# program can call. Roslyn compiles this file together with the
// child's program (it is an embedded resource, not part of the compiler assembly), so the child's
// file needs no `using`. Each member names its board primitive, e.g. [Primitive("motors.forward")]: adding a
// block means adding one member here. Bodies are never run; the compiler emits CallPrimitive.
// double is the board's 32-bit float.

global using static Kids;
global using Console = System.Console;
global using Math = System.Math;
global using System.Collections.Generic; // List<int> without a using, as in a new console project

[System.AttributeUsage(System.AttributeTargets.Method | System.AttributeTargets.Property)]
public sealed class PrimitiveAttribute : System.Attribute
{
    public PrimitiveAttribute(string name) { Name = name; }
    public string Name { get; }
}

/// <summary>Compiled specially (a Wait instruction or an extra script), not as a primitive call.</summary>
[System.AttributeUsage(System.AttributeTargets.Method)]
public sealed class BoardSpecialAttribute : System.Attribute
{
    public BoardSpecialAttribute(string kind) { Kind = kind; }
    public string Kind { get; }
}

public static class Robot
{
    [Primitive("motors.forward")] public static void Forward(int speed) { }
    [Primitive("motors.backward")] public static void Backward(int speed) { }
    [Primitive("motors.turnLeft")] public static void TurnLeft(int speed) { }
    [Primitive("motors.turnRight")] public static void TurnRight(int speed) { }
    [Primitive("motors.stop")] public static void Stop() { }
    [Primitive("motors.power")] public static void Motors(int left, int right) { }
    [Primitive("motors.servo")] public static void Servo(int angle) { }
    [Primitive("sensors.distance")] public static double Distance => 0;
    [Primitive("sensors.lineLeft")] public static bool LineLeft => false;
    [Primitive("sensors.lineRight")] public static bool LineRight => false;
    [Primitive("sensors.bumper")] public static bool Bumper => false;
}

public static class Weather
{
    [Primitive("weather.temperature")] public static double Temperature => 0;
    [Primitive("weather.humidity")] public static double Humidity => 0;
    [Primitive("weather.pressure")] public static double Pressure => 0;
    [Primitive("weather.light")] public static double Light => 0;
    [Primitive("weather.wind")] public static double Wind => 0;
    [Primitive("weather.rain")] public static double Rain => 0;
}

public static class Led
{
    [Primitive("leds.color")] public static void Color(string name) { }
    [Primitive("leds.rgb")] public static void Rgb(int red, int green, int blue) { }
    [Primitive("leds.off")] public static void Off() { }
}

public static class Sound
{
    [Primitive("sound.tone")] public static void Tone(int hz, int ms) { }
    [Primitive("sound.stop")] public static void Stop() { }
}

public static class Button
{
    [Primitive("sensors.button")] public static bool Pressed => false;
}

/// <summary>Top-level helpers (`global using static Kids`): Wait(500), Every(1000, () => ...).</summary>
public static class Kids
{
    [BoardSpecial("wait")] public static void Wait(int ms) { }
    [BoardSpecial("every")] public static void Every(int ms, System.Action body) { }
    [BoardSpecial("when")] public static void When(System.Func<bool> condition, System.Action body) { }
    [BoardSpecial("onMessage")] public static void OnMessage(string name, System.Action body) { }
    [BoardSpecial("onButton")] public static void OnButton(System.Action body) { }
    [Primitive("messages.broadcast")] public static void Broadcast(string name) { }
    [Primitive("data.plot")] public static void Plot(string series, double value) { }
    [Primitive("math.random")] public static int Random(int min, int max) => min;
    [Primitive("time.millis")] public static int Millis => 0;
}
