namespace RoboClub.Board.Primitives
{
    /// <summary>What primitives need from the board beyond hardware: the program's clock, the console,
    /// telemetry, broadcasts and randomness. The board implements it over its hub link and scheduler.</summary>
    public interface IBoardServices
    {
        /// <summary>Milliseconds since the program started.</summary>
        long ProgramMilliseconds { get; }
        void Print(string text);
        void Plot(string series, float value);
        void Broadcast(string message);
        /// <summary>A random whole number from <paramref name="min"/> to <paramref name="max"/> inclusive.</summary>
        int Random(int min, int max);
    }
}
