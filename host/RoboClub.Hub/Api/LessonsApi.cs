using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using BroadcastPayload = RoboClub.Board.Link.BroadcastPayload;
using Topics = RoboClub.Board.Link.Topics;
using RoboClub.Hub.Boards;
using RoboClub.Hub.Lessons;
using RoboClub.Hub.Projects;
using RoboClub.Hub.Security;
using RoboClub.Hub.Serve;
using RoboClub.Lessons;
using RoboClub.Lessons.Checking;

namespace RoboClub.Hub.Api;

/// <summary>
/// `/api/lessons`: the curriculum (lessons/, see lessons/README.md), a lesson with its steps and
/// per-step toolboxes, "Check my program" on a virtual board, each child's progress, everyone's
/// progress for the librarian, and the remote control's messages. Lesson ids come from the URL and
/// are only ever looked up among the loaded lessons (<see cref="LessonLibrary.Find"/>), never used as paths.
/// </summary>
public static class LessonsApi
{
    /// <summary>Longest program a check accepts (a child's program is a few kilobytes).</summary>
    const int MaxSourceChars = 100_000;

    public static IServiceCollection AddLessons(this IServiceCollection services)
    {
        // "Hub:Lessons" may point at another lessons folder (a club's own); default: the copy next to the program.
        services.AddSingleton(sp => new LessonLibrary(LessonLibrary.FindRoot(sp.GetRequiredService<IConfiguration>()["Hub:Lessons"])));
        services.AddSingleton(sp => new LessonProgressStore(
            Path.Combine(sp.GetRequiredService<IOptions<HubSettings>>().Value.DataDirectory, "lessons.db"),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<LessonChecker>();
        services.AddSingleton<LessonBoards>();
        return services;
    }

    public static void MapLessonsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/lessons");

        api.MapGet("", (LessonLibrary library, string? lang) => Results.Ok(new
        {
            tracks = LessonLoader.Tracks.Select(track => new
            {
                track,
                lessons = library.Lessons.Where(l => l.Track == track).Select(l => Summary(l, Lang(lang))),
            }),
            problems = library.Problems,
        }));

        api.MapGet("/progress", (LessonLibrary library, LessonProgressStore progress, IProjectStore projects, CancellationToken ct) => Guard(async () =>
        {
            var children = await projects.ListChildrenAsync(ct);
            var all = progress.All();
            return Results.Ok(new
            {
                lessons = library.Lessons.Select(l => new { id = l.Id, track = l.Track, number = l.Number, title = new { en = l.Text("en").Front.Title, ro = l.Text("ro").Front.Title } }),
                children = children.Select(c => new
                {
                    id = c.Id,
                    name = c.Name,
                    colour = c.Colour,
                    lessons = all.Where(p => p.ChildId == c.Id).Select(Progress),
                }),
            });
        })).RequireLibrarian();

        api.MapGet("/progress/{child}", (string child, HttpContext http, LessonProgressStore progress, IProjectStore projects, CancellationToken ct) => Guard(async () =>
        {
            var c = await projects.GetChildAsync(ChildId(child), ct);
            Access.ChildOrLibrarian(http, c.Id);
            return Results.Ok(progress.Of(c.Id).Select(Progress));
        }));

        api.MapGet("/{track}/{slug}", (string track, string slug, string? lang, LessonLibrary library) =>
            library.Find(track, slug) is { } lesson ? Results.Ok(Details(lesson, Lang(lang))) : NoSuchLesson(track, slug));

        api.MapPost("/{track}/{slug}/check", (string track, string slug, HttpRequest request, LessonLibrary library, LessonChecker checker,
            LessonProgressStore progress, IProjectStore projects, CancellationToken ct) => Guard(async () =>
        {
            if (library.Find(track, slug) is not { } lesson) return NoSuchLesson(track, slug);
            var body = await RequestBody.ObjectAsync(request, ct);
            string? source = JsonFields.Text(body, "source");
            if (source is null) return ApiError.BadRequest("Send the program as {\"source\": \"...\"}.", "Trimite programul ca {\"source\": \"...\"}.");
            if (source.Length > MaxSourceChars) return ApiError.BadRequest("The program is too long to check.", "Programul e prea lung ca să fie verificat.");
            long? childId = JsonFields.Whole(body, "child");
            if (childId is { } id)
            {
                await projects.GetChildAsync(id, ct); // 404 for an unknown child, before the work
                Access.ChildOrLibrarian(request.HttpContext, id); // progress is recorded only for yourself
            }

            var result = await checker.CheckAsync(lesson, source, ct);
            LessonProgress? saved = childId is { } cid && result.Compiled ? progress.Record(cid, lesson.Id, result.Passed) : null;
            return Results.Ok(Answer(result, saved));
        })).RequireRateLimiting(RequestRateLimits.Compile); // a check compiles and runs: the same per-computer limit as Run

        // A virtual robot in the lesson's arena, for ▶ Run (robot lessons; null for weather lessons).
        api.MapPost("/{track}/{slug}/board", (string track, string slug, LessonLibrary library, LessonBoards boards, CancellationToken ct) => Guard(async () =>
            library.Find(track, slug) is { } lesson ? Results.Ok(new { board = await boards.EnsureAsync(lesson, ct) }) : NoSuchLesson(track, slug)));

        // The remote control (lesson robot/07): a message to every board of the club, as Broadcast does.
        api.MapPost("/message", (HttpRequest request, IHubBus bus, IOptions<HubSettings> settings, CancellationToken ct) => Guard(async () =>
        {
            var body = await RequestBody.ObjectAsync(request, ct);
            string? name = JsonFields.Text(body, "name");
            if (name is null || !Topics.IsValidName(name))
                return ApiError.BadRequest("A message name has 1–32 lowercase letters a-z, digits or '-'.", "Numele unui mesaj are 1–32 litere mici a-z, cifre sau „-”.");
            await bus.PublishAsync(Topics.Message(settings.Value.Club, name), BroadcastPayload.EncodeRelay("hub"), retain: false, ct);
            return Results.Ok(new { ok = true, name });
        }));
    }

    static string Lang(string? lang) => lang == "ro" ? "ro" : "en";

    static object Summary(Lesson l, string lang)
    {
        var front = l.Text(lang).Front;
        return new { id = l.Id, track = l.Track, slug = l.Slug, number = l.Number, title = front.Title, duration = front.Duration, board = front.Board, goals = front.Goals };
    }

    static object Details(Lesson l, string lang)
    {
        var text = l.Text(lang);
        var front = text.Front;
        return new
        {
            id = l.Id,
            track = l.Track,
            slug = l.Slug,
            number = l.Number,
            title = front.Title,
            duration = front.Duration,
            hardware = front.Hardware,
            board = front.Board,
            profile = front.Profile,
            goals = front.Goals,
            introHtml = text.IntroHtml,
            steps = text.Steps.Select((s, i) => new
            {
                title = s.Title,
                html = s.Html,
                blocks = l.Definition.Toolbox[i],
                toolbox = JsonNode.Parse(ReducedToolbox.Json(l.Definition.Board, lang, l.Definition.Toolbox[i])),
            }),
            wiringHtml = l.WiringHtml[lang],
            starter = l.Starter,
            // the remote control's buttons: the messages the lesson's check sends (robot/07)
            remote = l.Definition.Check.Inputs.Where(i => i.Message is not null).Select(i => i.Message!).Distinct(),
        };
    }

    static object Progress(LessonProgress p) => new { lesson = p.LessonId, finished = p.Finished, checks = p.Checks, finishedAt = p.FinishedAt, lastCheckAt = p.LastCheckAt };

    static object Answer(CheckResult r, LessonProgress? saved) => new
    {
        compiled = r.Compiled,
        passed = r.Passed,
        goals = r.Goals.Select(g => new { kind = g.Kind, passed = g.Passed, asked = Text(g.Asked), detail = Text(g.Detail), hint = g.Hint is null ? null : Text(g.Hint) }),
        diagnostics = r.Diagnostics,
        runtimeError = r.RuntimeError is { } e ? new
        {
            code = e.Code,
            line = e.Line,
            column = e.Column,
            message = e.Message is { } m ? Text(m) : new { en = RuntimeErrorText.For(e.Code, "en"), ro = RuntimeErrorText.For(e.Code, "ro") },
        } : null,
        simulatedSeconds = r.SimulatedSeconds,
        output = r.Output,
        robot = r.Robot,
        arena = r.ArenaJson is null ? null : JsonNode.Parse(r.ArenaJson),
        progress = saved is null ? null : Progress(saved),
    };

    static object Text(LocalText t) => new { en = t.En, ro = t.Ro };

    static IResult NoSuchLesson(string track, string slug) =>
        ApiError.NotFound(new HubMessage($"There is no lesson '{Short(track)}/{Short(slug)}'. Pick one from the list.", $"Nu există lecția „{Short(track)}/{Short(slug)}”. Alege una din listă."));

    static string Short(string s) => s.Length > 40 ? s[..40] + "…" : s;

    static long ChildId(string id) => long.TryParse(id, out long v) && v > 0 ? v : throw new ProjectException(ProjectFailure.NotFound, ProjectText.UnknownChild(id));

    static async Task<IResult> Guard(Func<Task<IResult>> handler)
    {
        try
        {
            return await handler();
        }
        catch (AccessException e)
        {
            return e.ToResult();
        }
        catch (ProjectException e)
        {
            return ApiError.Of(e.Text, e.Failure switch
            {
                ProjectFailure.NotFound => StatusCodes.Status404NotFound,
                ProjectFailure.TooLarge => StatusCodes.Status413PayloadTooLarge,
                _ => StatusCodes.Status400BadRequest,
            });
        }
    }
}
