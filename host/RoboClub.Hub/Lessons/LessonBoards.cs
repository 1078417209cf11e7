using Microsoft.Extensions.Options;
using RoboClub.Board.Hardware;
using RoboClub.Board.Link;
using RoboClub.Hub.Boards;
using RoboClub.Hub.Serve;
using RoboClub.Lessons;
using RoboClub.VirtualBoard;
using RoboClub.VirtualBoard.Simulation;

namespace RoboClub.Hub.Lessons;

/// <summary>
/// A virtual robot in each robot lesson's arena (robot-lesson-05 follows the line of lesson 5), made
/// the first time a child opens that lesson and kept until the hub stops, so ▶ Run shows the same
/// arena as "Check my program". Weather lessons use the hub's own stations: a recording replayed in
/// real time would end after ten minutes.
/// </summary>
public sealed class LessonBoards(VirtualBoards boards, BoardRegistry registry, EmbeddedBroker broker, IOptions<HubSettings> settings)
{
    readonly SemaphoreSlim _gate = new(1);

    /// <summary>robot-lesson-NN for a robot lesson, null for a weather lesson.</summary>
    public static string? NameOf(Lesson lesson) => lesson.Definition.Board == "robot" ? $"robot-lesson-{lesson.Number:D2}" : null;

    /// <summary>The lesson's board, started if it is not running yet; null for a weather lesson.</summary>
    public async Task<string?> EnsureAsync(Lesson lesson, CancellationToken ct)
    {
        if (NameOf(lesson) is not { } name) return null;
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (boards.Find(name) is not null) return name;
            var def = lesson.Definition;
            var arena = def.Arena is { } a && a.EndsWith(".json", StringComparison.Ordinal)
                ? Arena.Load(LessonLoader.LessonFile(lesson.Folder, a, lesson.Id))
                : Arena.BuiltIn(def.Arena ?? "empty");
            var robot = new VirtualRobotBoard(arena, new RobotConfig { DistanceSensorOnServo = def.SensorOnServo }, seed: lesson.Number);
            var login = broker.Logins.CreateRuntimeLogin(name); // logs in like the hub's other virtual boards
            var host = new VirtualBoardHost(
                new VirtualBoardOptions { Club = settings.Value.Club, Board = name, BrokerPort = broker.Broker.Port, UserName = name, Password = login, Seed = lesson.Number },
                new LessonRobotParts(robot));
            await boards.AddAsync(host, ct).ConfigureAwait(false);
            registry.MarkVirtual(name);
            return name;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A virtual robot's parts with the lesson's own robot settings (the maze's servo-mounted sensor).</summary>
    sealed class LessonRobotParts(VirtualRobotBoard board) : IVirtualParts
    {
        public BoardKind Kind => BoardKind.Robot;
        public string Profile => "virtual-robot";
        public BoardHardware Hardware => board.Hardware;
        public long NowMs => board.Clock.Milliseconds;
        public void Advance(int milliseconds) => board.Step(milliseconds);
        public object Snapshot() => board.Snapshot();
        public string? ArenaJson => board.Arena.ToJson();
    }
}
