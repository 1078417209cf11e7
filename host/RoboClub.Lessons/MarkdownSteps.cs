using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace RoboClub.Lessons;

/// <summary>
/// Reads lesson.ro.md / lesson.en.md: YAML front matter between <c>---</c> lines, an introduction,
/// then one step per <c>## </c> heading (as MakeCode tutorials do). Markdown becomes HTML with
/// Markdig; raw HTML in a lesson is shown as text, so a lesson file cannot put script on the page.
/// </summary>
public static class MarkdownSteps
{
    static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseEmphasisExtras().DisableHtml().Build();

    internal static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build(); // unknown fields are errors (typos must not pass silently)

    /// <summary>
    /// Markdown → HTML for the page. Raw HTML is shown as text, and links or images may only point to
    /// http(s) addresses or pages of the hub (no <c>javascript:</c>, <c>data:</c>, …).
    /// </summary>
    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
            if (!SafeUrl(link.Url)) link.Url = "#";
        foreach (var link in document.Descendants<AutolinkInline>())
            if (!SafeUrl(link.Url)) link.Url = "#";
        return document.ToHtml(Pipeline);
    }

    static bool SafeUrl(string? url)
    {
        if (string.IsNullOrEmpty(url)) return true;
        string u = url.Trim();
        int colon = u.IndexOf(':');
        int slash = u.IndexOf('/');
        if (colon < 0 || (slash >= 0 && slash < colon)) return !u.StartsWith("//", StringComparison.Ordinal); // relative, but not another host without a scheme
        return u.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || u.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
    }

    public static LessonText Parse(string text, string language, string fileName)
    {
        text = text.Replace("\r\n", "\n");
        if (!text.StartsWith("---\n", StringComparison.Ordinal))
            throw new LessonFormatException($"{fileName}: must start with a '---' line, then the front matter (title, track, number, duration, hardware, board, profile, goals), then '---'");
        int end = text.IndexOf("\n---\n", 3, StringComparison.Ordinal);
        if (end < 0) throw new LessonFormatException($"{fileName}: the front matter has no closing '---' line");
        string yaml = text[4..(end + 1)];
        string body = text[(end + 5)..];
        FrontMatter front;
        try
        {
            front = Yaml.Deserialize<FrontMatter>(yaml) ?? throw new LessonFormatException($"{fileName}: the front matter is empty");
        }
        catch (YamlException e)
        {
            throw new LessonFormatException($"{fileName}: front matter line {e.Start.Line + 1}: {Inner(e)} {YamlTip}", e);
        }

        var steps = new List<LessonStep>();
        string intro = "";
        string? title = null;
        var current = new System.Text.StringBuilder();
        bool inFence = false;
        foreach (string line in body.Split('\n'))
        {
            if (line.StartsWith("```", StringComparison.Ordinal)) inFence = !inFence;
            if (!inFence && line.StartsWith("## ", StringComparison.Ordinal))
            {
                Flush();
                title = line[3..].Trim();
                continue;
            }
            current.Append(line).Append('\n');
        }
        Flush();
        return new LessonText(language, front, ToHtml(intro), steps);

        void Flush()
        {
            string md = current.ToString().Trim('\n');
            if (title is null) intro = md;
            else steps.Add(new LessonStep(title, md, ToHtml(md)));
            current.Clear();
        }
    }

    /// <summary>The usual cause of a YAML error in a hand-written lesson.</summary>
    internal const string YamlTip = "(a text that contains ': ' or starts with a special character needs \"quotes\"; lists are lines starting with '- ')";

    /// <summary>YamlDotNet wraps the useful message (e.g. "Property 'x' not found") in an inner exception.</summary>
    internal static string Inner(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e.Message;
    }
}
