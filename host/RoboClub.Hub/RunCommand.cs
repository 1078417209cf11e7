using System.CommandLine;

namespace RoboClub.Hub;

/// <summary>`roboclub run FILE.cs`: compile a child's program and run it on a virtual board.</summary>
internal sealed class RunCommand : Command
{
    readonly Argument<FileInfo> _file = SourceFile.Argument();
    readonly Option<string> _board = new("--board") { Description = "robot or weather", DefaultValueFactory = _ => "robot" };
    readonly Option<double> _seconds = new("--seconds") { Description = "Simulated seconds at most (programs with Every/When/OnMessage run until then)", DefaultValueFactory = _ => 60 };
    readonly Option<bool> _telemetry = new("--telemetry") { Description = "Also print telemetry and status, on stderr" };
    readonly Option<string> _lang = SourceFile.LanguageOption();

    public RunCommand() : base("run", "Compile a C# program and run it on a virtual board (simulated time); stdout is the program's output")
    {
        Arguments.Add(_file);
        Options.Add(_board);
        Options.Add(_seconds);
        Options.Add(_telemetry);
        Options.Add(_lang);
        SetAction(p =>
        {
            var (runner, path, compiled) = SourceFile.Compile(p, _file, _lang);
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
    readonly Argument<FileInfo> _file = SourceFile.Argument();
    readonly Option<FileInfo?> _out = new("--output", "-o") { Description = "Where to write the image (default: FILE.rcb)" };
    readonly Option<string> _lang = SourceFile.LanguageOption();

    public CompileCommand() : base("compile", "Compile a C# program to a board image")
    {
        Arguments.Add(_file);
        Options.Add(_out);
        Options.Add(_lang);
        SetAction(p =>
        {
            var (_, path, compiled) = SourceFile.Compile(p, _file, _lang);
            if (compiled is null) return ProgramRunner.CompileErrorExit;
            string target = p.GetValue(_out)?.FullName ?? Path.ChangeExtension(path, ".rcb");
            File.WriteAllBytes(target, compiled.Image!);
            Console.Out.WriteLine($"{target}: {compiled.Image!.Length} bytes");
            return 0;
        });
    }
}

/// <summary>What `run` and `compile` share: the source file argument, --lang, and compiling it.</summary>
internal static class SourceFile
{
    public static Argument<FileInfo> Argument() => new("file") { Description = "The C# program (top-level statements and the RoboClub child API)" };

    public static Option<string> LanguageOption() => new("--lang") { Description = "Language of the messages: en or ro", DefaultValueFactory = _ => "en" };

    /// <summary>Compiles the file; errors are printed in the child-friendly form and the result is null.</summary>
    public static (ProgramRunner Runner, string Path, RoboClub.Compiler.CompileResult? Compiled) Compile(ParseResult p, Argument<FileInfo> file, Option<string> lang)
    {
        var runner = new ProgramRunner(Console.Out, Console.Error, p.GetValue(lang) == "ro" ? "ro" : "en");
        string path = p.GetValue(file)!.FullName;
        return (runner, path, runner.Compile(path));
    }
}
