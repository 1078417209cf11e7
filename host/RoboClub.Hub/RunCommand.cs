using System.CommandLine;

namespace RoboClub.Hub;

/// <summary>`roboclub run FILE.cs`: compile a child's program and run it on a virtual board.</summary>
internal sealed class RunCommand : Command
{
    readonly Argument<FileInfo> _file = new("file") { Description = "The C# program (top-level statements and the RoboClub child API)" };
    readonly Option<string> _board = new("--board") { Description = "robot or weather", DefaultValueFactory = _ => "robot" };
    readonly Option<double> _seconds = new("--seconds") { Description = "Simulated seconds at most (programs with Every/When/OnMessage run until then)", DefaultValueFactory = _ => 60 };
    readonly Option<bool> _telemetry = new("--telemetry") { Description = "Also print telemetry and status, on stderr" };
    readonly Option<string> _lang = new("--lang") { Description = "Language of the messages: en or ro", DefaultValueFactory = _ => "en" };

    public RunCommand() : base("run", "Compile a C# program and run it on a virtual board (simulated time); stdout is the program's output")
    {
        Arguments.Add(_file);
        Options.Add(_board);
        Options.Add(_seconds);
        Options.Add(_telemetry);
        Options.Add(_lang);
        SetAction(p =>
        {
            var runner = new ProgramRunner(Console.Out, Console.Error, p.GetValue(_lang) == "ro" ? "ro" : "en");
            string path = p.GetValue(_file)!.FullName;
            var compiled = runner.Compile(path);
            if (compiled is null) return ProgramRunner.CompileErrorExit;
            try
            {
                return runner.Run(path, compiled, p.GetValue(_board)!, Math.Clamp(p.GetValue(_seconds), 0, 24 * 3600), p.GetValue(_telemetry));
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
    }
}

/// <summary>`roboclub compile FILE.cs -o FILE.rcb`: write the board image (or the errors, exit code 1).</summary>
internal sealed class CompileCommand : Command
{
    readonly Argument<FileInfo> _file = new("file") { Description = "The C# program" };
    readonly Option<FileInfo?> _out = new("--output", "-o") { Description = "Where to write the image (default: FILE.rcb)" };
    readonly Option<string> _lang = new("--lang") { Description = "Language of the messages: en or ro", DefaultValueFactory = _ => "en" };

    public CompileCommand() : base("compile", "Compile a C# program to a board image")
    {
        Arguments.Add(_file);
        Options.Add(_out);
        Options.Add(_lang);
        SetAction(p =>
        {
            var runner = new ProgramRunner(Console.Out, Console.Error, p.GetValue(_lang) == "ro" ? "ro" : "en");
            string path = p.GetValue(_file)!.FullName;
            var compiled = runner.Compile(path);
            if (compiled is null) return ProgramRunner.CompileErrorExit;
            string target = p.GetValue(_out)?.FullName ?? Path.ChangeExtension(path, ".rcb");
            File.WriteAllBytes(target, compiled.Image!);
            Console.Out.WriteLine($"{target}: {compiled.Image!.Length} bytes");
            return 0;
        });
    }
}
