namespace RoboClub.Board.Vm
{
    /// <summary>
    /// Numbers as text, the same on every board: .NET and nanoFramework format floats differently,
    /// and a child's "21.5" must print as 21.5 on a virtual board and on an ESP32 alike.
    /// Up to 6 significant digits (what a 32-bit float holds), no exponent below a million.
    /// </summary>
    public static class NumberText
    {
        public static string Format(float value)
        {
            if (float.IsNaN(value)) return "NaN";
            if (float.IsPositiveInfinity(value)) return "Infinity";
            if (float.IsNegativeInfinity(value)) return "-Infinity";
            bool negative = value < 0;
            double v = negative ? -(double)value : value;
            if (v >= 1e6 || (v != 0 && v < 1e-4)) return value.ToString("E3"); // rare on a board; readable enough
            // 6 significant digits: scale to an integer of up to 6 digits, then place the point.
            if (v == 0) return "0";
            int intDigits = (int)System.Math.Floor(System.Math.Log10(v)) + 1; // 0.0123 -> -1
            int decimals = 6 - intDigits;
            if (decimals < 0) decimals = 0;
            if (decimals > 10) decimals = 10;
            double scale = System.Math.Pow(10, decimals);
            long scaled = (long)System.Math.Round(v * scale);
            string digits = scaled.ToString();
            string text;
            if (decimals == 0) text = digits;
            else
            {
                while (digits.Length <= decimals) digits = "0" + digits;
                string whole = digits.Substring(0, digits.Length - decimals);
                string frac = digits.Substring(digits.Length - decimals);
                int end = frac.Length;
                while (end > 0 && frac[end - 1] == '0') end--;
                text = end == 0 ? whole : whole + "." + frac.Substring(0, end);
            }
            if (text == "0") return "0";
            return negative ? "-" + text : text;
        }
    }
}
