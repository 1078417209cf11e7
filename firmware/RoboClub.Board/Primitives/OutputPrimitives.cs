using RoboClub.Board.Hardware;
using RoboClub.Board.Image;

namespace RoboClub.Board.Primitives
{
    /// <summary>leds.* and sound.*: what a board shows and plays.</summary>
    public static class OutputPrimitives
    {
        public static void Register(PrimitiveTable table, BoardHardware hw)
        {
            ILed led = hw.Led;
            if (led == null)
            {
                table.AddUnavailable("leds.color", "this board has no LED");
                table.AddUnavailable("leds.rgb", "this board has no LED");
                table.AddUnavailable("leds.off", "this board has no LED");
            }
            else
            {
                table.Add(new Primitive("leds.color", Sig.String, VmType.None, t =>
                {
                    int rgb = ColorNames.Find(t.PopString());
                    led.SetColor((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
                    return null;
                }));
                table.Add(new Primitive("leds.rgb", Sig.Int3, VmType.None, t =>
                {
                    int b = Byte(t.PopInt()), g = Byte(t.PopInt()), r = Byte(t.PopInt());
                    led.SetColor(r, g, b);
                    return null;
                }));
                table.Add(new Primitive("leds.off", Sig.None, VmType.None, t => { led.SetColor(0, 0, 0); return null; }));
            }

            IBuzzer buzzer = hw.Buzzer;
            if (buzzer == null)
            {
                table.AddUnavailable("sound.tone", "this board has no buzzer");
                table.AddUnavailable("sound.stop", "this board has no buzzer");
            }
            else
            {
                table.Add(new Primitive("sound.tone", Sig.Int2, VmType.None, t =>
                {
                    int ms = t.PopInt(), hz = t.PopInt();
                    buzzer.Tone(hz < 20 ? 20 : hz > 20000 ? 20000 : hz, ms < 0 ? 0 : ms);
                    return null;
                }));
                table.Add(new Primitive("sound.stop", Sig.None, VmType.None, t => { buzzer.Stop(); return null; }));
            }
        }

        static int Byte(int v) { return v < 0 ? 0 : v > 255 ? 255 : v; }
    }

    /// <summary>Colour names children write, in English and Romanian (with or without diacritics).</summary>
    public static class ColorNames
    {
        static readonly string[] Names =
        {
            "off", "stins", "black", "negru",
            "red", "roșu", "rosu", "green", "verde", "blue", "albastru",
            "yellow", "galben", "orange", "portocaliu", "purple", "mov", "violet",
            "white", "alb", "pink", "roz", "cyan", "turcoaz",
        };

        static readonly int[] Values =
        {
            0x000000, 0x000000, 0x000000, 0x000000,
            0xFF0000, 0xFF0000, 0xFF0000, 0x00FF00, 0x00FF00, 0x0000FF, 0x0000FF,
            0xFFFF00, 0xFFFF00, 0xFF8000, 0xFF8000, 0x8000FF, 0x8000FF, 0x8000FF,
            0xFFFFFF, 0xFFFFFF, 0xFF60A0, 0xFF60A0, 0x00FFFF, 0x00FFFF,
        };

        /// <summary>The colour as 0xRRGGBB; an unknown name is white, so the LED still visibly reacts.</summary>
        public static int Find(string name)
        {
            string n = name == null ? "" : name.Trim().ToLower();
            for (int i = 0; i < Names.Length; i++)
            {
                if (Names[i] == n) return Values[i];
            }
            return 0xFFFFFF;
        }
    }
}
