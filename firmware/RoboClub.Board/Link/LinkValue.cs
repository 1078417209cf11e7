namespace RoboClub.Board.Link
{
    public enum LinkValueKind
    {
        Number = 0,
        Bool = 1,
        Text = 2,
    }

    /// <summary>
    /// A script value as it travels over the link (the "value" of a set command, each entry of a
    /// watch payload): a number, true/false, or a text of at most <see cref="MaxTextLength"/>
    /// characters. Mutable so the runtime can reuse instances for watch payloads.
    /// </summary>
    public sealed class LinkValue
    {
        public const int MaxTextLength = 64;

        public LinkValueKind Kind { get; private set; }

        public double Number { get; private set; }

        public bool Bool { get; private set; }

        public string Text { get; private set; }

        public static LinkValue FromNumber(double value)
        {
            LinkValue v = new LinkValue();
            v.SetNumber(value);
            return v;
        }

        public static LinkValue FromBool(bool value)
        {
            LinkValue v = new LinkValue();
            v.SetBool(value);
            return v;
        }

        public static LinkValue FromText(string value)
        {
            LinkValue v = new LinkValue();
            v.SetText(value);
            return v;
        }

        public void SetNumber(double value)
        {
            Kind = LinkValueKind.Number;
            Number = value;
            Bool = false;
            Text = null;
        }

        public void SetBool(bool value)
        {
            Kind = LinkValueKind.Bool;
            Bool = value;
            Number = 0;
            Text = null;
        }

        /// <summary>Texts longer than <see cref="MaxTextLength"/> are cut (ending in "…").</summary>
        public void SetText(string value)
        {
            Kind = LinkValueKind.Text;
            Text = PayloadFields.Truncate(value, MaxTextLength);
            Number = 0;
            Bool = false;
        }

        public override string ToString()
        {
            if (Kind == LinkValueKind.Bool)
            {
                return Bool ? "true" : "false";
            }

            if (Kind == LinkValueKind.Text)
            {
                return Text;
            }

            return Number.ToString();
        }

        internal void Write(JsonWriter w)
        {
            if (Kind == LinkValueKind.Bool)
            {
                w.Bool(Bool);
            }
            else if (Kind == LinkValueKind.Text)
            {
                w.String(Text);
            }
            else
            {
                w.Number(Number);
            }
        }

        /// <summary>A value from JSON: number, true/false or string (null and containers are refused).</summary>
        internal static LinkValue FromJson(JsonNode n, string what, int seq)
        {
            if (n.Kind == JsonKind.Number)
            {
                return FromNumber(n.Number);
            }

            if (n.Kind == JsonKind.Bool)
            {
                return FromBool(n.Bool);
            }

            if (n.Kind == JsonKind.String)
            {
                if (n.Text.Length > MaxTextLength)
                {
                    throw new PayloadException(what + ": text value longer than " + MaxTextLength.ToString() + " characters", seq);
                }

                return FromText(n.Text);
            }

            throw new PayloadException(what + ": a value must be a number, true/false or a string", seq);
        }
    }
}
