using RoboClub.Board.Hardware;
using RoboClub.Board.Image;

namespace RoboClub.Board.Primitives
{
    /// <summary>sensors.*: distance (cm, -1 without echo), line sensors, bumper, button.</summary>
    public static class SensorPrimitives
    {
        public static void Register(PrimitiveTable table, BoardHardware hw)
        {
            IDistanceSensor d = hw.Distance;
            if (d == null) table.AddUnavailable("sensors.distance", "this board has no ultrasonic sensor");
            else table.Add(new Primitive("sensors.distance", Sig.None, VmType.Float, t => { t.PushFloat(d.ReadCentimeters()); return null; }));

            ILineSensors line = hw.Line;
            if (line == null)
            {
                table.AddUnavailable("sensors.lineLeft", "this board has no line sensors");
                table.AddUnavailable("sensors.lineRight", "this board has no line sensors");
            }
            else
            {
                table.Add(new Primitive("sensors.lineLeft", Sig.None, VmType.Bool, t => { t.PushBool(line.LeftOnLine); return null; }));
                table.Add(new Primitive("sensors.lineRight", Sig.None, VmType.Bool, t => { t.PushBool(line.RightOnLine); return null; }));
            }

            IBumper bumper = hw.Bumper;
            if (bumper == null) table.AddUnavailable("sensors.bumper", "this board has no bumper");
            else table.Add(new Primitive("sensors.bumper", Sig.None, VmType.Bool, t => { t.PushBool(bumper.Pressed); return null; }));

            IButton button = hw.Button;
            if (button == null) table.AddUnavailable("sensors.button", "this board has no button");
            else table.Add(new Primitive("sensors.button", Sig.None, VmType.Bool, t => { t.PushBool(button.Pressed); return null; }));
        }
    }
}
