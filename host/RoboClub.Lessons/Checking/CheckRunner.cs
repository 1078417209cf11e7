using System.Diagnostics;
using RoboClub.Board.Hardware;
using RoboClub.Board.Image;
using RoboClub.Board.Primitives;
using RoboClub.Board.Vm;
using RoboClub.Compiler;
using RoboClub.VirtualBoard.Simulation;

namespace RoboClub.Lessons.Checking;

/// <summary>
/// "Check my program": compiles the child's C#, runs it on a fresh in-process virtual board of the
/// lesson (its arena or replayed weather) in simulated time — a minute takes a fraction of a real
/// second, as with <c>roboclub run</c> — sends the lesson's inputs, records what the board did, and
/// judges every goal. The same seed every time, so a check gives the same answer twice.
/// </summary>
public static class CheckRunner
{
    const int StepMs = 10;
    const int SampleEveryMs = 100;
    /// <summary>A check never takes longer than this in real time (a runaway program, a slow machine).</summary>
    static readonly TimeSpan RealTimeLimit = TimeSpan.FromSeconds(20);

    public static CheckResult Check(Lesson lesson, string source)
    {
        var compiled = ChildCompiler.Compile(source ?? "");
        if (!compiled.Success)
            return new CheckResult(false, false, [], compiled.Diagnostics, null, 0, [], null, null);

        var def = lesson.Definition;
        var (hardware, advance, now, robot, weather) = MakeBoard(lesson);
        var recording = new Recording { Arena = robot?.Arena };
        long start = now();
        var services = new Services(recording, () => now() - start);
        var failure = new Failure();
        LoadedProgram program;
        try
        {
            program = LoadedProgram.Load(compiled.Image!, ProgramPrimitives.CreateTable(hardware, services));
        }
        catch (ImageException e)
        {
            // e.g. a robot program in a weather lesson: the board refuses it, as a real one would
            var refused = new CheckError("MissingParts", 0, 0, def.Board == "robot"
                ? new LocalText($"The robot cannot run this program: {e.Message}. Use the robot's blocks.", "Robotul nu are toate piesele pe care le folosește programul acesta. Folosește blocurile robotului.")
                : new LocalText($"The weather station cannot run this program: {e.Message}. Use the weather blocks.", "Stația meteo nu are piesele pe care le folosește programul acesta (de exemplu motoare). Folosește blocurile meteo."));
            return new CheckResult(true, false, [], compiled.Diagnostics, refused, 0, [], null, null);
        }
        var scheduler = new Scheduler(program, failure);
        var inputs = def.Check.Inputs.OrderBy(i => i.At).ToList();
        int nextInput = 0;
        long end = start + (long)(def.Check.Seconds * 1000);
        var watch = Stopwatch.StartNew();
        int lastTone = 0;

        scheduler.Start(now());
        Record(recording, 0, robot, weather, hardware);
        while (now() < end && watch.Elapsed < RealTimeLimit)
        {
            long t = now() - start;
            while (nextInput < inputs.Count && inputs[nextInput].At * 1000 <= t)
            {
                var input = inputs[nextInput++];
                if (input.Message is { } m) scheduler.Broadcast(m);
                if (input.Button is { } ms) (robot?.Robot.Button ?? weather?.Button)?.PressFor(ms);
            }
            if (scheduler.IsRunning) scheduler.Step(now(), hardware.Button?.Pressed ?? false);
            foreach (var m in services.TakeBroadcasts()) scheduler.Broadcast(m);
            if (failure.Task is not null)
            {
                hardware.Motors?.SetPower(0, 0); // a board stops its motors when the program fails
                break;
            }
            advance(StepMs);
            t = now() - start;
            int tone = robot?.Robot.Buzzer.FrequencyHz ?? 0;
            if (tone != lastTone) { if (tone > 0) recording.Tones.Add(new ToneStart(t, tone)); lastTone = tone; }
            if (t % SampleEveryMs == 0) Record(recording, t, robot, weather, hardware);
        }
        recording.EndMs = now() - start;
        recording.FinalRobot = robot?.Snapshot();

        CheckError? error = null;
        if (failure.Task is { } task)
        {
            var place = compiled.SourceMap.FirstOrDefault(m => m.FunctionIndex == task.ErrorFunction)?.Find(task.ErrorOffset);
            error = new CheckError(task.ErrorCode ?? "", place?.Line ?? 0, place?.Column ?? 0);
        }
        var goals = def.Check.Goals.Select(g => GoalEvaluator.Evaluate(g, recording, def)).ToList();
        return new CheckResult(true, error is null && goals.All(g => g.Passed), goals, compiled.Diagnostics, error,
            recording.EndMs / 1000.0, [.. recording.Prints.Take(200).Select(p => p.Text)], recording.FinalRobot, robot?.Arena.ToJson());
    }

    /// <summary>The lesson's board: a robot in its arena, or a station replaying its CSV (else the weather model).</summary>
    static (BoardHardware, Action<int>, Func<long>, VirtualRobotBoard?, VirtualWeatherBoard?) MakeBoard(Lesson lesson)
    {
        var def = lesson.Definition;
        if (def.Board == "robot")
        {
            string name = def.Arena ?? "empty";
            var arena = name.EndsWith(".json", StringComparison.Ordinal)
                ? Arena.Load(LessonLoader.LessonFile(lesson.Folder, name, lesson.Id))
                : Arena.BuiltIn(name);
            var board = new VirtualRobotBoard(arena, new RobotConfig { DistanceSensorOnServo = def.SensorOnServo }, seed: 1);
            return (board.Hardware, ms => board.Step(ms), () => board.Clock.Milliseconds, board, null);
        }
        var station = def.Replay is { } csv
            ? VirtualWeatherBoard.CreateReplay(LessonLoader.LessonFile(lesson.Folder, csv, lesson.Id))
            : VirtualWeatherBoard.CreateModel(null, seed: 1);
        return (station.Hardware, ms => station.Step(ms), () => station.Clock.Milliseconds, null, station);
    }

    static void Record(Recording r, long t, VirtualRobotBoard? robot, VirtualWeatherBoard? weather, BoardHardware hw)
    {
        if (robot is not null)
        {
            var (left, right) = robot.Robot.Motors.Powers;
            r.Samples.Add(new Sample(t, robot.Robot.Pose, left, right, robot.Robot.TouchedWall, robot.Robot.InGoal,
                robot.Robot.DistanceTravelledCm, robot.Robot.Led.Color, null));
        }
        else if (weather is not null)
        {
            r.Samples.Add(new Sample(t, null, 0, 0, false, false, 0, weather.Led.Color, weather.Snapshot()));
        }
    }

    /// <summary>What the program's Print, Plot and Broadcast do during a check: they are recorded.</summary>
    sealed class Services(Recording recording, Func<long> now) : IBoardServices
    {
        readonly SimRandom _random = new(1);
        readonly List<string> _pending = [];
        public long ProgramMilliseconds => now();
        public void Print(string text) { if (recording.Prints.Count < 10_000) recording.Prints.Add(new Printed(now(), text)); }
        public void Plot(string series, float value) { if (recording.Plots.Count < 100_000) recording.Plots.Add(new Plotted(now(), series, value)); }
        public void Broadcast(string message)
        {
            if (recording.Broadcasts.Count < 10_000) recording.Broadcasts.Add(new Sent(now(), message));
            _pending.Add(message);
        }
        public int Random(int min, int max) => max <= min ? min : min + (int)(_random.NextUInt64() % (ulong)(max - min + 1));
        public List<string> TakeBroadcasts() { var list = _pending.ToList(); _pending.Clear(); return list; }
    }

    sealed class Failure : IProgramObserver
    {
        public VmTask? Task;
        public void OnScriptFailed(int script, VmTask task) => Task ??= task;
    }
}
