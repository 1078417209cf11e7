using RoboClub.Lessons;
using RoboClub.Lessons.Checking;

namespace RoboClub.Lessons.Tests;

/// <summary>Malformed lesson files are refused with a message that names the file and the fault.</summary>
public sealed class FormatTests : IDisposable
{
    readonly string _root = Path.Combine(Path.GetTempPath(), "roboclub-lessons-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    /// <summary>A copy of a real lesson in a temporary lessons/ folder, to break on purpose.</summary>
    string Copy(string id = "robot/03-stop-before-a-wall")
    {
        string source = Lessons.Get(id).Folder;
        string target = Path.Combine(_root, id);
        Directory.CreateDirectory(target);
        foreach (string file in Directory.GetFiles(source)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        return target;
    }

    static void Edit(string path, string from, string to)
    {
        string text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to));
    }

    static string Refused(string folder) => Assert.Throws<LessonFormatException>(() => LessonLoader.Load(folder)).Message;

    [Fact]
    public void An_unchanged_copy_loads()
    {
        var lesson = LessonLoader.Load(Copy());
        Assert.Equal("robot/03-stop-before-a-wall", lesson.Id);
    }

    [Theory]
    [InlineData("lesson.en.md", "is missing")]
    [InlineData("starter.cs", "is missing")]
    [InlineData("wiring.ro.md", "is missing")]
    [InlineData("lesson.yaml", "is missing")]
    public void A_missing_file_is_named(string file, string message)
    {
        string folder = Copy();
        File.Delete(Path.Combine(folder, file));
        string error = Refused(folder);
        Assert.Contains(file, error);
        Assert.Contains(message, error);
    }

    [Fact]
    public void A_step_count_that_differs_from_the_toolbox_is_refused()
    {
        string folder = Copy();
        Edit(Path.Combine(folder, "lesson.en.md"), "## Give a signal", "### Give a signal");
        Assert.Contains("3 steps but lesson.yaml's 'toolbox' has 4 entries", Refused(folder));
    }

    [Fact]
    public void Front_matter_must_match_the_folder_and_the_other_language()
    {
        string folder = Copy();
        Edit(Path.Combine(folder, "lesson.ro.md"), "number: 3", "number: 4");
        Assert.Contains("'number' is 4 but the folder name starts with 03", Refused(folder));

        folder = Copy("robot/01-move-and-turn");
        Edit(Path.Combine(folder, "lesson.en.md"), "duration: 45", "duration: 50");
        Assert.Contains("same duration", Refused(folder));
    }

    [Fact]
    public void Yaml_errors_give_the_line_and_a_tip()
    {
        string folder = Copy();
        Edit(Path.Combine(folder, "lesson.ro.md"), "title: Oprește-te înainte de perete", "title: Oprește-te: perete");
        string error = Refused(folder);
        Assert.Contains("lesson.ro.md: front matter line", error);
        Assert.Contains("quotes", error);

        folder = Copy("robot/01-move-and-turn");
        Edit(Path.Combine(folder, "lesson.yaml"), "arena: empty", "arena: empty\ncolour: red");
        error = Refused(folder);
        Assert.Contains("lesson.yaml line", error);
        Assert.Contains("colour", error);
    }

    [Theory]
    [InlineData("kind: stop-in-goal", "kind: stop-in-the-goal", "unknown goal kind 'stop-in-the-goal'")]
    [InlineData("kind: no-wall-touch", "kind: travel", "goal 2 (travel): 'minCm' is missing")]
    [InlineData("kind: no-wall-touch", "kind: no-wall-touch\n      minCm: 3", "'minCm' does not belong to this kind")]
    [InlineData("kind: no-wall-touch", "kind: led-when\n      quantity: temperature\n      above: 25\n      color: red", "this goal needs a weather board")]
    [InlineData("seconds: 20", "seconds: 0", "'seconds' must be 1–3600")]
    [InlineData("arena: wall-ahead", "arena: castle", "neither a built-in arena")]
    [InlineData("arena: wall-ahead", "arena: ../../../etc/arena.json", "must be a plain file name")]
    [InlineData("arena: wall-ahead", "arena: missing.json", "missing.json is missing")]
    [InlineData("robot_distance, text_print, control_wait]", "robot_distance, weather_rain]", "'weather_rain' is not a robot block")]
    [InlineData("robot_distance, text_print, control_wait]", "robot_teleport]", "'robot_teleport' is not a robot block")]
    public void Malformed_lesson_yaml_is_refused_clearly(string from, string to, string message)
    {
        string folder = Copy();
        Edit(Path.Combine(folder, "lesson.yaml"), from, to);
        string error = Refused(folder);
        Assert.Contains("robot/03-stop-before-a-wall/lesson.yaml", error);
        Assert.Contains(message, error);
    }

    [Fact]
    public void A_broken_arena_or_replay_file_is_reported_with_its_own_message()
    {
        string folder = Copy();
        File.WriteAllText(Path.Combine(folder, "room.json"), """{ "name": "room", "width": 5, "height": 100 }""");
        Edit(Path.Combine(folder, "lesson.yaml"), "arena: wall-ahead", "arena: room.json");
        Assert.Contains("arena room.json:", Refused(folder));

        folder = Copy("weather/01-first-reading");
        File.WriteAllText(Path.Combine(folder, "classroom.csv"), "time,quantity,value\n0,temperature,warm\n");
        Assert.Contains("replay classroom.csv:", Refused(folder));
    }

    [Fact]
    public void Cedilla_letters_in_romanian_are_refused()
    {
        string folder = Copy();
        Edit(Path.Combine(folder, "lesson.ro.md"), "Oprește-te", "Opreşte-te");
        Assert.Contains("comma below", Refused(folder));
    }

    [Fact]
    public void Raw_html_in_a_lesson_is_shown_as_text()
    {
        string folder = Copy();
        Edit(Path.Combine(folder, "lesson.en.md"), "## Give a signal\n", "## Give a signal\n\n<script>alert(1)</script> <img src=x onerror=alert(1)>\n");
        var lesson = LessonLoader.Load(folder);
        string html = lesson.Text("en").Steps[3].Html;
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public void A_broken_folder_does_not_hide_the_others_from_the_library()
    {
        Copy("robot/01-move-and-turn");
        string broken = Copy();
        File.Delete(Path.Combine(broken, "solution.cs"));
        var library = new LessonLibrary(_root);
        Assert.Single(library.Lessons);
        Assert.Contains(library.Problems, p => p.Contains("solution.cs is missing"));
    }

    [Theory]
    [InlineData("robot", "../weather/01-first-reading")]
    [InlineData("robot", "..")]
    [InlineData("..", "robot")]
    [InlineData("robot/../weather", "01-first-reading")]
    [InlineData("robot", "01-move-and-turn/../../..")]
    [InlineData("robot", "01-MOVE-AND-TURN")]
    [InlineData("robot", "/etc/passwd")]
    [InlineData("robot", "01-move-and-turn%2f..")]
    [InlineData("", "")]
    [InlineData(null, null)]
    public void Lesson_ids_from_the_web_never_reach_other_files(string? track, string? slug)
    {
        Assert.Null(Lessons.Library.Find(track, slug));
    }

    [Fact]
    public void A_program_with_mistakes_is_not_run()
    {
        var result = CheckRunner.Check(Lessons.Get("robot/01-move-and-turn"), "Robot.Forward(60)\nWait(1000);");
        Assert.False(result.Compiled);
        Assert.False(result.Passed);
        Assert.NotEmpty(result.Diagnostics);
        Assert.Empty(result.Goals);
    }

    [Fact]
    public void A_runtime_error_is_reported_with_its_line()
    {
        var result = CheckRunner.Check(Lessons.Get("robot/01-move-and-turn"), "int zero = 0;\nRobot.Forward(60);\nConsole.WriteLine(5 / zero);\n");
        Assert.True(result.Compiled);
        Assert.False(result.Passed);
        Assert.NotNull(result.RuntimeError);
        Assert.Equal(3, result.RuntimeError!.Line);
    }

    [Fact]
    public void A_program_that_never_waits_still_ends_quickly()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = CheckRunner.Check(Lessons.Get("robot/06-escape-the-maze"), "int n = 0;\nwhile (true) { n++; }\n");
        Assert.False(result.Passed);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(25), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Messages_to_children_are_in_both_languages_with_romanian_numbers()
    {
        var result = CheckRunner.Check(Lessons.Get("robot/03-stop-before-a-wall"), Lessons.Get("robot/03-stop-before-a-wall").Starter);
        var bump = result.Goals.Single(g => g.Kind == "no-wall-touch");
        Assert.False(bump.Passed);
        Assert.Matches(@"after \d+\.\d s", bump.Detail.En);
        Assert.Matches(@"după \d+,\d s", bump.Detail.Ro);
    }

    [Fact]
    public void A_robot_program_in_a_weather_lesson_is_answered_not_thrown()
    {
        var result = CheckRunner.Check(Lessons.Get("weather/01-first-reading"), "Robot.Forward(50);\nConsole.WriteLine(Robot.Distance);\n");
        Assert.False(result.Passed);
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JavaScript:alert(1))")]
    [InlineData("![x](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("[click](//evil.example/x)")]
    public void Links_in_lessons_cannot_run_script(string markdown)
    {
        string html = MarkdownSteps.ToHtml(markdown);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:", html);
        Assert.DoesNotContain("//evil", html);
    }

    [Fact]
    public void Ordinary_links_stay()
    {
        Assert.Contains("href=\"https://www.meteoromania.ro/\"", MarkdownSteps.ToHtml("[ANM](https://www.meteoromania.ro/)"));
        Assert.Contains("href=\"/kiosk.html\"", MarkdownSteps.ToHtml("[kiosk](/kiosk.html)"));
    }
}
