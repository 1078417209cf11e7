using RoboClub.Board.Image;

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
            table.Add(new Primitive("math.abs", Sig.Float, VmType.Float, t => { float v = t.PopFloat(); t.PushFloat(v < 0 ? -v : v); return null; }));
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
