using RoboClub.Lessons;

namespace RoboClub.Lessons.Tests;

/// <summary>The shipped curriculum: two tracks of 8, both languages, the same steps, Markdown that renders.</summary>
public sealed class LibraryTests
{
    [Fact]
    public void Every_lesson_folder_loads_without_problems()
    {
        Assert.True(Lessons.Library.Problems.Count == 0, string.Join("\n", Lessons.Library.Problems));
        Assert.Equal(16, Lessons.Library.Lessons.Count);
        foreach (string track in LessonLoader.Tracks)
            Assert.Equal(Enumerable.Range(1, 8), Lessons.Library.Lessons.Where(l => l.Track == track).Select(l => l.Number));
    }

    [Theory]
    [MemberData(nameof(Lessons.Ids), MemberType = typeof(Lessons))]
    public void Both_languages_have_the_same_steps_and_front_matter(string id)
    {
        var lesson = Lessons.Get(id);
        var ro = lesson.Text("ro");
        var en = lesson.Text("en");
        Assert.Equal(ro.Steps.Count, en.Steps.Count);
        Assert.Equal(lesson.Definition.Toolbox.Count, ro.Steps.Count);
        Assert.InRange(ro.Steps.Count, 3, 6);
        Assert.Equal((ro.Front.Track, ro.Front.Number, ro.Front.Duration, ro.Front.Board, ro.Front.Profile),
                     (en.Front.Track, en.Front.Number, en.Front.Duration, en.Front.Board, en.Front.Profile));
        Assert.Equal(ro.Front.Goals.Count, en.Front.Goals.Count);
        Assert.InRange(ro.Front.Duration, 45, 60);
        Assert.NotEqual(ro.Front.Title, en.Front.Title); // translated, not copied
        // a snippet in one language has its counterpart in the other (same blocks shown)
        for (int i = 0; i < ro.Steps.Count; i++)
            Assert.Equal(ro.Steps[i].Markdown.Contains("```csharp"), en.Steps[i].Markdown.Contains("```csharp"));
    }

    [Theory]
    [MemberData(nameof(Lessons.Ids), MemberType = typeof(Lessons))]
    public void The_markdown_renders_to_html(string id)
    {
        var lesson = Lessons.Get(id);
        foreach (string lang in LessonLoader.Languages)
        {
            var text = lesson.Text(lang);
            Assert.Contains("<p>", text.IntroHtml);
            foreach (var step in text.Steps)
            {
                Assert.False(string.IsNullOrWhiteSpace(step.Title));
                Assert.Contains("<p>", step.Html);
                Assert.DoesNotContain("<script", step.Html, StringComparison.OrdinalIgnoreCase);
            }
            Assert.Contains("<p>", lesson.WiringHtml[lang]);
        }
        Assert.Contains("<strong>", lesson.Text("ro").Steps[0].Html + lesson.Text("ro").Steps[1].Html); // blocks are named in bold
    }

    [Fact]
    public void Romanian_texts_use_comma_below_letters_and_have_diacritics()
    {
        string root = Lessons.Library.Root;
        foreach (string file in Directory.GetFiles(root, "*.ro.md", SearchOption.AllDirectories))
        {
            string text = File.ReadAllText(file);
            Assert.True(text.IndexOfAny(['ş', 'ţ', 'Ş', 'Ţ']) < 0, $"{file}: cedilla letters");
            Assert.True(text.IndexOfAny(['ș', 'ț', 'ă', 'î', 'â']) >= 0, $"{file}: no Romanian letters at all?");
        }
    }

    [Fact]
    public void Reduced_toolbox_shows_only_the_steps_blocks()
    {
        var lesson = Lessons.Get("robot/01-move-and-turn");
        string json = ReducedToolbox.Json("robot", "ro", lesson.Definition.Toolbox[0]);
        Assert.Contains("\"robot_forward\"", json);
        Assert.Contains("\"control_wait\"", json);
        Assert.DoesNotContain("\"robot_stop\"", json);
        Assert.DoesNotContain("\"weather_temperature\"", json);
        Assert.DoesNotContain("VARIABLE", json);
        Assert.Contains("VARIABLE", ReducedToolbox.Json("robot", "en", ["variables", "robot_stop"]));
    }
}
