namespace RoboClub.Board.Image
{
    /// <summary>When a script runs (Scratch's hat blocks).</summary>
    public static class TriggerKind
    {
        /// <summary>Once, when the program starts.</summary>
        public const byte OnStart = 1;
        /// <summary>Every Argument milliseconds (the next run starts after the previous one ended).</summary>
        public const byte Every = 2;
        /// <summary>When the condition function Argument (no parameters, returns bool) becomes true.</summary>
        public const byte When = 3;
        /// <summary>When the broadcast message named by string constant Argument arrives.</summary>
        public const byte OnMessage = 4;
        /// <summary>When the board's button is pressed.</summary>
        public const byte OnButton = 5;

        public static bool IsValid(byte k) { return k >= OnStart && k <= OnButton; }
    }
}
