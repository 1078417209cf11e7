using RoboClub.Board.Hardware;
using RoboClub.Board.Image;

namespace RoboClub.Board.Primitives
{
    /// <summary>motors.*: the robot's two wheels and its servo. Speeds are percentages, clamped to -100..100.</summary>
    public static class MotorPrimitives
    {
        public static void Register(PrimitiveTable table, BoardHardware hw)
        {
            IMotors m = hw.Motors;
            if (m == null)
            {
                string why = "this board has no motors";
                table.AddUnavailable("motors.power", why);
                table.AddUnavailable("motors.forward", why);
                table.AddUnavailable("motors.backward", why);
                table.AddUnavailable("motors.turnLeft", why);
                table.AddUnavailable("motors.turnRight", why);
                table.AddUnavailable("motors.stop", why);
            }
            else
            {
                table.Add(new Primitive("motors.power", Sig.Int2, VmType.None, t => { int r = t.PopInt(); int l = t.PopInt(); m.SetPower(Clamp(l), Clamp(r)); return null; }));
                table.Add(new Primitive("motors.forward", Sig.Int, VmType.None, t => { int s = Clamp(t.PopInt()); m.SetPower(s, s); return null; }));
                table.Add(new Primitive("motors.backward", Sig.Int, VmType.None, t => { int s = Clamp(t.PopInt()); m.SetPower(-s, -s); return null; }));
                table.Add(new Primitive("motors.turnLeft", Sig.Int, VmType.None, t => { int s = Clamp(t.PopInt()); m.SetPower(-s, s); return null; }));
                table.Add(new Primitive("motors.turnRight", Sig.Int, VmType.None, t => { int s = Clamp(t.PopInt()); m.SetPower(s, -s); return null; }));
                table.Add(new Primitive("motors.stop", Sig.None, VmType.None, t => { m.SetPower(0, 0); return null; }));
            }
            IServo servo = hw.Servo;
            if (servo == null) table.AddUnavailable("motors.servo", "this board has no servo");
            else table.Add(new Primitive("motors.servo", Sig.Int, VmType.None, t =>
            {
                int a = t.PopInt();
                servo.SetAngle(a < 0 ? 0 : a > 180 ? 180 : a);
                return null;
            }));
        }

        static int Clamp(int percent) { return percent < -100 ? -100 : percent > 100 ? 100 : percent; }
    }
}
