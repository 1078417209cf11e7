using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RoboClub.Board.Image;
using RoboClub.Board.Link;
using RoboClub.Compiler;
using RoboClub.Hub.Serve;

namespace RoboClub.Hub.Boards;

/// <summary>
/// "Run" in the editor: compile the child's C#, publish the image on the board's retained program
/// topic, and wait until the board says (in its status) that it runs that image. Keeps each sent
/// program's source (by image hash, in `{data}/programs/`) so a runtime error the board reports later
/// — even after a hub restart — maps back to the line through the compiler's source map.
/// </summary>
public sealed class ProgramSender
{
    static readonly TimeSpan LoadTimeout = TimeSpan.FromSeconds(5);
    readonly IHubBus _bus;
    readonly BoardRegistry _registry;
    readonly BoardCommands _commands;
    readonly string _programsDirectory;
    readonly ConcurrentDictionary<string, CompileResult> _compiled = new(StringComparer.Ordinal);

    public ProgramSender(IHubBus bus, BoardRegistry registry, BoardCommands commands, IOptions<HubSettings> settings)
    {
        _bus = bus;
        _registry = registry;
        _commands = commands;
        _programsDirectory = Path.Combine(settings.Value.DataDirectory, "programs");
    }

    public async Task<SendResult> SendAsync(string board, string source, CancellationToken cancellationToken = default)
    {
        var view = _registry.Find(board);
        if (view is null) return SendResult.Refused(SendFailure.UnknownBoard, HubText.UnknownBoard(board));
        var compiled = await Task.Run(() => ChildCompiler.Compile(source, "program.cs"), cancellationToken).ConfigureAwait(false);
        if (!compiled.Success) return SendResult.CompileErrors(compiled.Diagnostics);
        byte[] image = compiled.Image!;
        string hash = ProgramPayload.Hash(image);
        var parsed = ImageReader.Read(image);
        string[] globals = parsed.GlobalNames;

        if (MissingPrimitives(view, parsed) is { Count: > 0 } missing) return SendResult.Refused(SendFailure.MissingParts, HubText.MissingParts(board, missing), compiled.Diagnostics);
        Remember(hash, source, compiled);
        if (!view.Online)
        {
            // Retained: the board gets it the moment it connects.
            await _bus.PublishAsync(Topics.Board(_registry.Club, board, TopicLeaf.Program), image, retain: true, cancellationToken).ConfigureAwait(false);
            return new SendResult(true, hash, image.Length, compiled.Diagnostics, HubText.WillRunWhenOnline(board)) { Pending = true, Globals = globals };
        }
        if (view.Program == hash)
        {
            // The board already holds this image and ignores a copy: restart it instead.
            var run = await _commands.SendAsync(board, CommandPayload.Run, cancellationToken: cancellationToken).ConfigureAwait(false);
            return run.Ok ? new SendResult(true, hash, image.Length, compiled.Diagnostics, null) { Globals = globals }
                          : SendResult.Refused(SendFailure.Refused, HubText.BoardSaid(board, run.Error ?? ""), compiled.Diagnostics);
        }

        var loaded = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(BoardView b) { if (b.Board == board && b.Program == hash) loaded.TrySetResult(null); }
        void OnError(BoardError e) { if (e.Board == board && e.Script < 0) loaded.TrySetResult(e.Message); }
        _registry.BoardChanged += OnChanged;
        _registry.Error += OnError;
        try
        {
            await _bus.PublishAsync(Topics.Board(_registry.Club, board, TopicLeaf.Program), image, retain: true, cancellationToken).ConfigureAwait(false);
            if (_registry.Find(board)?.Program == hash) loaded.TrySetResult(null);
            string? refused = await loaded.Task.WaitAsync(LoadTimeout, cancellationToken).ConfigureAwait(false);
            return refused is null
                ? new SendResult(true, hash, image.Length, compiled.Diagnostics, null) { Globals = globals }
                : SendResult.Refused(SendFailure.Refused, HubText.BoardSaid(board, refused), compiled.Diagnostics);
        }
        catch (TimeoutException)
        {
            return SendResult.Refused(SendFailure.NoAnswer, HubText.NoAnswer(board), compiled.Diagnostics);
        }
        finally
        {
            _registry.BoardChanged -= OnChanged;
            _registry.Error -= OnError;
        }
    }

    /// <summary>A board's runtime error with its line and column (when the hub knows the program) and
    /// the explanation in English and Romanian.</summary>
    public BoardError Locate(BoardError error)
    {
        var located = error with { MessageEn = RuntimeErrorText.For(error.Code, "en"), MessageRo = RuntimeErrorText.For(error.Code, "ro") };
        var compiled = Find(error.Program);
        if (compiled is null || error.Pc < 0) return located;
        int function = error.Function >= 0 ? error.Function : error.Script;
        var place = compiled.SourceMap.FirstOrDefault(m => m.FunctionIndex == function)?.Find(error.Pc);
        return place is { } p ? located with { Line = p.Line, Column = p.Column } : located;
    }

    CompileResult? Find(string hash)
    {
        if (hash.Length == 0) return null;
        if (_compiled.TryGetValue(hash, out var known)) return known;
        if (!IsHash(hash)) return null;
        string path = Path.Combine(_programsDirectory, hash + ".cs");
        if (!File.Exists(path)) return null;
        var again = ChildCompiler.Compile(File.ReadAllText(path), "program.cs");
        if (again.Image is null || ProgramPayload.Hash(again.Image) != hash) return null; // another compiler version
        return _compiled.GetOrAdd(hash, again);
    }

    void Remember(string hash, string source, CompileResult compiled)
    {
        _compiled[hash] = compiled;
        try
        {
            Directory.CreateDirectory(_programsDirectory);
            string path = Path.Combine(_programsDirectory, hash + ".cs");
            if (!File.Exists(path)) File.WriteAllText(path, source);
        }
        catch (IOException)
        {
            // Only error locations after a restart depend on this file; running the program does not.
        }
    }

    static bool IsHash(string s) => s.Length == 8 && s.All(char.IsAsciiHexDigitLower);

    static List<string> MissingPrimitives(BoardView board, ProgramImage image)
    {
        if (board.Primitives.Count == 0) return []; // the board has not said what it has yet
        var have = board.Primitives.ToHashSet(StringComparer.Ordinal);
        return image.Primitives.Select(p => p.Name).Where(n => !have.Contains(n)).Distinct().ToList();
    }
}

/// <summary>What "Run" answered: compile diagnostics, or why the board did not take it, in both languages.</summary>
public sealed record SendResult(bool Ok, string? Hash, int Size, IReadOnlyList<CompileDiagnostic> Diagnostics, HubMessage? Message)
{
    /// <summary>The board is offline: the program waits for it on the broker.</summary>
    public bool Pending { get; init; }
    public SendFailure Failure { get; init; }
    /// <summary>The program's global variables in index order: the names for the watch's values.</summary>
    public IReadOnlyList<string> Globals { get; init; } = [];
    public static SendResult CompileErrors(IReadOnlyList<CompileDiagnostic> diagnostics) => new(false, null, 0, diagnostics, null) { Failure = SendFailure.CompileErrors };
    public static SendResult Refused(SendFailure failure, HubMessage why, IReadOnlyList<CompileDiagnostic>? diagnostics = null) => new(false, null, 0, diagnostics ?? [], why) { Failure = failure };
}

public enum SendFailure { None, CompileErrors, UnknownBoard, MissingParts, NoAnswer, Refused }
