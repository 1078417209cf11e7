using RoboClub.Board.Hardware;
using RoboClub.Board.Link;
using RoboClub.VirtualBoard.Simulation;

namespace RoboClub.VirtualBoard;

/// <summary>Makes the simulated parts of a virtual robot or weather station for a <see cref="VirtualBoardHost"/>.</summary>
public static class VirtualParts
{
    /// <param name="kind">"robot" or "weather".</param>
    /// <param name="arena">Robot: a built-in arena name or a JSON file; null for "empty".</param>
    /// <param name="replayCsv">Weather: a CSV of recorded readings to replay instead of the model.</param>
    public static IVirtualParts Create(string kind, string? arena, string? replayCsv, long seed)
    {
        switch (kind.Trim().ToLowerInvariant())
        {
            case "robot":
                var robot = arena is not null && File.Exists(arena)
                    ? new VirtualRobotBoard(Arena.Load(arena), null, seed)
                    : VirtualRobotBoard.Create(arena ?? "empty", null, seed);
                return new RobotParts(robot);
            case "weather":
                return new WeatherParts(replayCsv is null ? VirtualWeatherBoard.CreateModel(null, seed) : VirtualWeatherBoard.CreateReplay(replayCsv));
            default:
                throw new ArgumentException($"--kind must be robot or weather (not '{kind}')");
        }
    }

    sealed class RobotParts(VirtualRobotBoard board) : IVirtualParts
    {
        public BoardKind Kind => BoardKind.Robot;
        public string Profile => "virtual-robot";
        public BoardHardware Hardware => board.Hardware;
        public long NowMs => board.Clock.Milliseconds;
        public VirtualRobotBoard Board => board;
        public void Advance(int milliseconds) => board.Step(milliseconds);
        public object Snapshot() => board.Snapshot();
        public string? ArenaJson => board.Arena.ToJson();
    }

    sealed class WeatherParts(VirtualWeatherBoard board) : IVirtualParts
    {
        public BoardKind Kind => BoardKind.Weather;
        public string Profile => "virtual-weather";
        public BoardHardware Hardware => board.Hardware;
        public long NowMs => board.Clock.Milliseconds;
        public void Advance(int milliseconds) => board.Step(milliseconds);
        public object Snapshot() => board.Snapshot();
        public string? ArenaJson => null;
    }
}
