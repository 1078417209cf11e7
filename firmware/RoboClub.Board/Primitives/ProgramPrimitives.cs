using RoboClub.Board.Image;
using RoboClub.Board.Vm;

namespace RoboClub.Board.Primitives
{
    /// <summary>time.*, messages.*, data.*, console.* and math.*: what every board has.</summary>
    public static class ProgramPrimitives
    {
        public static void Register(PrimitiveTable table, IBoardServices s)
        {
            table.Add(new Primitive("time.millis", Sig.None, VmType.Int, t => { t.PushInt((int)s.ProgramMilliseconds); return null; }));
            table.Add(new Primitive("time.seconds", Sig.None, VmType.Float, t => { t.PushFloat(s.ProgramMilliseconds / 1000f); return null; }));
            table.Add(new Primitive("messages.broadcast", Sig.String, VmType.None, t => { s.Broadcast(t.PopString()); return null; }));
            table.Add(new Primitive("data.plot", Sig.StringFloat, VmType.None, t => { float v = t.PopFloat(); s.Plot(t.PopString(), v); return null; }));
            table.Add(new Primitive("console.print", Sig.String, VmType.None, t => { s.Print(t.PopString()); return null; }));

            table.Add(new Primitive("math.random", Sig.Int2, VmType.Int, t =>
            {
                int max = t.PopInt(), min = t.PopInt();
                t.PushInt(max < min ? s.Random(max, min) : s.Random(min, max));
                return null;
            }));
            table.Add(new Primitive("math.sqrt", Sig.Float, VmType.Float, t => { t.PushFloat((float)System.Math.Sqrt(t.PopFloat())); return null; }));
            // -0 becomes +0 and NaN stays NaN, as Math.Abs does.
            table.Add(new Primitive("math.abs", Sig.Float, VmType.Float, t => { float v = t.PopFloat(); t.PushFloat(v < 0 ? -v : v == 0 ? 0f : v); return null; }));
            // C# throws OverflowException for Math.Abs(int.MinValue): no positive int is that big.
            table.Add(new Primitive("math.absInt", Sig.Int, VmType.Int, t => { int v = t.PopInt(); if (v == int.MinValue) return RuntimeError.Overflow; t.PushInt(v < 0 ? -v : v); return null; }));
            table.Add(new Primitive("math.max", Sig.Float2, VmType.Float, t => { float b = t.PopFloat(); t.PushFloat(Max(t.PopFloat(), b)); return null; }));
            table.Add(new Primitive("math.min", Sig.Float2, VmType.Float, t => { float b = t.PopFloat(); t.PushFloat(Min(t.PopFloat(), b)); return null; }));
            table.Add(new Primitive("math.pow", Sig.Float2, VmType.Float, t => { float e = t.PopFloat(); t.PushFloat((float)System.Math.Pow(t.PopFloat(), e)); return null; }));
            table.Add(new Primitive("math.sin", Sig.Float, VmType.Float, t => { t.PushFloat((float)System.Math.Sin(t.PopFloat())); return null; }));
            table.Add(new Primitive("math.cos", Sig.Float, VmType.Float, t => { t.PushFloat((float)System.Math.Cos(t.PopFloat())); return null; }));
            table.Add(new Primitive("math.tan", Sig.Float, VmType.Float, t => { t.PushFloat((float)System.Math.Tan(t.PopFloat())); return null; }));
            table.Add(new Primitive("math.atan2", Sig.Float2, VmType.Float, t => { float x = t.PopFloat(); t.PushFloat((float)System.Math.Atan2(t.PopFloat(), x)); return null; }));
            table.Add(new Primitive("math.log", Sig.Float, VmType.Float, t => { t.PushFloat((float)System.Math.Log(t.PopFloat())); return null; }));
            table.Add(new Primitive("math.exp", Sig.Float, VmType.Float, t => { t.PushFloat((float)System.Math.Exp(t.PopFloat())); return null; }));
            table.Add(new Primitive("math.round", Sig.Float, VmType.Float, t => { t.PushFloat((float)System.Math.Round(t.PopFloat())); return null; }));
            table.Add(new Primitive("math.floor", Sig.Float, VmType.Float, t => { t.PushFloat((float)System.Math.Floor(t.PopFloat())); return null; }));
            table.Add(new Primitive("math.ceiling", Sig.Float, VmType.Float, t => { t.PushFloat((float)System.Math.Ceiling(t.PopFloat())); return null; }));
            ListPrimitives.Register(table);
            TextPrimitives.Register(table);
        }

        // Math.Max/Min on floats as .NET defines them: NaN wins, and +0 is larger than -0.
        static bool IsNegativeZero(float v) { return v == 0 && 1 / v < 0; }

        static float Max(float a, float b)
        {
            if (float.IsNaN(a) || float.IsNaN(b)) return float.NaN;
            if (a == b) return IsNegativeZero(a) ? b : a;
            return a > b ? a : b;
        }

        static float Min(float a, float b)
        {
            if (float.IsNaN(a) || float.IsNaN(b)) return float.NaN;
            if (a == b) return IsNegativeZero(a) ? a : b;
            return a < b ? a : b;
        }

        /// <summary>Every primitive set, for a board with these parts.</summary>
        public static PrimitiveTable CreateTable(Hardware.BoardHardware hw, IBoardServices services)
        {
            var table = new PrimitiveTable();
            ProgramPrimitives.Register(table, services);
            MotorPrimitives.Register(table, hw);
            SensorPrimitives.Register(table, hw);
            WeatherPrimitives.Register(table, hw);
            OutputPrimitives.Register(table, hw);
            return table;
        }
    }
}
