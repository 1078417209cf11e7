// Side (b)'s child API: the same classes and members as host/RoboClub.Compiler/ChildApi/ChildApi.cs,
// with the board's number type (double -> float), each call recorded in the running World's trace.
// Programs compiled by Roslyn as ordinary .NET see these through global usings (see DotnetSide).
using System.Globalization;
using RoboClub.Board.Image;

namespace RoboClub.Compiler.Tests.Differential.Api;

public static class Robot
{
    public static void Forward(int speed) => World.Current.Act($"motors.forward({speed})");
    public static void Backward(int speed) => World.Current.Act($"motors.backward({speed})");
    public static void TurnLeft(int speed) => World.Current.Act($"motors.turnLeft({speed})");
    public static void TurnRight(int speed) => World.Current.Act($"motors.turnRight({speed})");
    public static void Stop() => World.Current.Act("motors.stop()");
    public static void Motors(int left, int right) => World.Current.Act($"motors.power({left},{right})");
    public static void Servo(int angle) => World.Current.Act($"motors.servo({angle})");
    public static float Distance => World.Current.ReadFloat("sensors.distance");
    public static bool LineLeft => World.Current.ReadBool("sensors.lineLeft");
    public static bool LineRight => World.Current.ReadBool("sensors.lineRight");
    public static bool Bumper => World.Current.ReadBool("sensors.bumper");
}

public static class Weather
{
    public static float Temperature => World.Current.ReadFloat("weather.temperature");
    public static float Humidity => World.Current.ReadFloat("weather.humidity");
    public static float Pressure => World.Current.ReadFloat("weather.pressure");
    public static float Light => World.Current.ReadFloat("weather.light");
    public static float Wind => World.Current.ReadFloat("weather.wind");
    public static float Rain => World.Current.ReadFloat("weather.rain");
}

public static class Led
{
    public static void Color(string name) => World.Current.Act($"leds.color({name})");
    public static void Rgb(int red, int green, int blue) => World.Current.Act($"leds.rgb({red},{green},{blue})");
    public static void Off() => World.Current.Act("leds.off()");
}

public static class Sound
{
    public static void Tone(int hz, int ms) => World.Current.Act($"sound.tone({hz},{ms})");
    public static void Stop() => World.Current.Act("sound.stop()");
}

public static class Button
{
    public static bool Pressed => World.Current.ReadBool("sensors.button");
}

public static class Kids
{
    public static void Wait(int ms) => World.Current.Wait(ms);
    public static void Every(int ms, Action body) => World.Current.Register(TriggerKind.Every, ms, null, null, body);
    public static void When(Func<bool> condition, Action body) => World.Current.Register(TriggerKind.When, 0, null, condition, body);
    public static void OnMessage(string name, Action body) => World.Current.Register(TriggerKind.OnMessage, 0, name, null, body);
    public static void OnButton(Action body) => World.Current.Register(TriggerKind.OnButton, 0, null, null, body);
    public static void Broadcast(string name) => World.Current.Broadcast(name);
    public static void Plot(string series, float value) => World.Current.Act($"data.plot({series},{SensorModel.Text(value)})");
    public static int Random(int min, int max) => World.Current.Random(min, max);
    public static int Millis => World.Current.Millis();
}

/// <summary>Console: every Write/WriteLine is one printed line (the board's console is line-based).
/// Numbers print as .NET prints them with the invariant culture.</summary>
public static class RecordingConsole
{
    public static void WriteLine() => World.Current.Print("");
    public static void WriteLine(string? text) => World.Current.Print(text ?? "");
    public static void WriteLine(int value) => World.Current.Print(value.ToString(CultureInfo.InvariantCulture));
    public static void WriteLine(float value) => World.Current.Print(value.ToString(CultureInfo.InvariantCulture));
    public static void WriteLine(bool value) => World.Current.Print(value.ToString());
    public static void WriteLine(object? value) => World.Current.Print(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
    public static void Write(string? text) => WriteLine(text);
    public static void Write(int value) => WriteLine(value);
    public static void Write(float value) => WriteLine(value);
    public static void Write(bool value) => WriteLine(value);
    public static void Write(object? value) => WriteLine(value);
}

/// <summary>System.Math with the board's number type: each function is computed as C# computes it in
/// double and the result rounded to float (what `double y = Math.Sin(x)` becomes when double is float).</summary>
public static class BoardMath
{
    public const float PI = (float)Math.PI;
    public const float E = (float)Math.E;
    public const float Tau = (float)Math.Tau;
    public static float Sqrt(float x) => (float)Math.Sqrt(x);
    public static float Abs(float x) => Math.Abs(x);
    public static int Abs(int x) => Math.Abs(x);
    public static float Pow(float x, float y) => (float)Math.Pow(x, y);
    public static float Sin(float x) => (float)Math.Sin(x);
    public static float Cos(float x) => (float)Math.Cos(x);
    public static float Tan(float x) => (float)Math.Tan(x);
    public static float Atan2(float y, float x) => (float)Math.Atan2(y, x);
    public static float Log(float x) => (float)Math.Log(x);
    public static float Exp(float x) => (float)Math.Exp(x);
    public static float Round(float x) => (float)Math.Round((double)x);
    public static float Round(float x, int digits) => (float)Math.Round((double)x, digits);
    public static float Floor(float x) => (float)Math.Floor(x);
    public static float Ceiling(float x) => (float)Math.Ceiling(x);
    public static int Max(int a, int b) => Math.Max(a, b);
    public static float Max(float a, float b) => Math.Max(a, b);
    public static int Min(int a, int b) => Math.Min(a, b);
    public static float Min(float a, float b) => Math.Min(a, b);
    public static int Sign(int x) => Math.Sign(x);
    public static int Sign(float x) => Math.Sign(x);
    public static int Clamp(int x, int min, int max) => Math.Clamp(x, min, max);
    public static float Clamp(float x, float min, float max) => Math.Clamp(x, min, max);
}
