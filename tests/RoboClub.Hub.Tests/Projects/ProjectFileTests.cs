using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RoboClub.Hub.Projects;

namespace RoboClub.Hub.Tests.Projects;

public sealed class ProjectFileTests
{
    static readonly Project Sample = new(7, 1, "Mașina lui Ștefan", "robot", "blocks", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 3, 5,
        """{"blocks":{"languageVersion":0,"blocks":[{"type":"text_print","id":"ț","x":1,"y":2}]}}""", "Console.WriteLine(\"Bună, ă î â ș ț!\");\n");

    static readonly DateTimeOffset When = new(2026, 11, 21, 18, 30, 5, TimeSpan.Zero);

    static byte[] File(string json) => Encoding.UTF8.GetBytes(json);

    static string Valid(string replace = "", string with = "") =>
        """{"format":"roboclub-project","formatVersion":1,"name":"Semafor","boardKind":"weather","mode":"csharp","workspace":{},"source":"// x","exportedAt":"2026-11-21T18:30:05Z"}"""
            .Replace(replace.Length == 0 ? "\u0000" : replace, with);

    [Fact]
    public void Export_writes_the_documented_format_readably_and_import_reads_it_back_exactly()
    {
        byte[] bytes = ProjectFile.Export(Sample, When);
        string text = Encoding.UTF8.GetString(bytes);
        Assert.Contains("\"name\": \"Mașina lui Ștefan\"", text); // not \u0219
        using var doc = JsonDocument.Parse(bytes);
        var root = doc.RootElement;
        Assert.Equal("roboclub-project", root.GetProperty("format").GetString());
        Assert.Equal(1, root.GetProperty("formatVersion").GetInt32());
        Assert.Equal(JsonValueKind.Object, root.GetProperty("workspace").ValueKind);
        Assert.Equal("2026-11-21T18:30:05Z", root.GetProperty("exportedAt").GetString());

        var back = ProjectFile.Import(bytes);
        Assert.Equal(new NewProject(Sample.Name, "robot", "blocks", Sample.Workspace, Sample.Source), back);
    }

    [Fact]
    public void Import_accepts_a_workspace_given_as_text_a_BOM_missing_parts_and_extra_fields()
    {
        var p = ProjectFile.Import(File(Valid("\"workspace\":{}", "\"workspace\":\"{\\\"blocks\\\":{}}\",\"author\":\"ignored\"")));
        Assert.Equal("{\"blocks\":{}}", p.Workspace);
        var bom = ProjectFile.Import(new byte[] { 0xEF, 0xBB, 0xBF }.Concat(File(Valid())).ToArray());
        Assert.Equal("Semafor", bom.Name);
        var bare = ProjectFile.Import(File("""{"format":"roboclub-project","formatVersion":1,"name":"Gol","boardKind":"robot","mode":"blocks"}"""));
        Assert.Equal((null, null), (bare.Workspace, bare.Source));
    }

    [Theory]
    [InlineData("", "nu este JSON")]
    [InlineData("{\"format\":\"roboclub-project\",\"formatVersion\":1,\"name\":\"Sem", "nu este JSON")] // cut off
    [InlineData("[1,2,3]", "nu este JSON")]
    [InlineData("\u0000\u0001PK", "nu este JSON")]
    [InlineData("{\"formatVersion\":1}", "„format” nu este „roboclub-project”")]
    [InlineData("{\"format\":\"scratch-project\",\"formatVersion\":1}", "„format” nu este „roboclub-project”")]
    [InlineData("{\"format\":\"roboclub-project\"}", "„formatVersion” valid")]
    [InlineData("{\"format\":\"roboclub-project\",\"formatVersion\":\"1\"}", "„formatVersion” valid")]
    [InlineData("{\"format\":\"roboclub-project\",\"formatVersion\":0}", "„formatVersion” valid")]
    [InlineData("{\"format\":\"roboclub-project\",\"formatVersion\":1.5}", "„formatVersion” valid")]
    [InlineData("{\"format\":\"roboclub-project\",\"formatVersion\":2}", "RoboClub mai nou")]
    public void Broken_or_foreign_files_are_refused_with_what_is_wrong(string json, string ro)
    {
        var e = Assert.Throws<ProjectException>(() => ProjectFile.Import(File(json)));
        Assert.Equal(ProjectFailure.Invalid, e.Failure);
        Assert.Contains(ro, e.Text.Ro);
        Assert.False(string.IsNullOrEmpty(e.Text.En));
    }

    [Theory]
    [InlineData("\"boardKind\":\"weather\"", "\"boardKind\":\"drone\"", "Tipul plăcuței")]
    [InlineData("\"mode\":\"csharp\"", "\"mode\":\"python\"", "Modul")]
    [InlineData("\"name\":\"Semafor\"", "\"name\":\"\"", "Numele proiectului")]
    [InlineData("\"name\":\"Semafor\",", "", "Numele proiectului")]
    [InlineData("\"name\":\"Semafor\"", "\"name\":42", "„name” trebuie să fie text")]
    [InlineData("\"workspace\":{}", "\"workspace\":\"{broken\"", "JSON valid")]
    [InlineData("\"workspace\":{}", "\"workspace\":17", "„workspace” trebuie să fie text JSON sau un obiect")]
    [InlineData("\"source\":\"// x\"", "\"source\":[\"// x\"]", "„source” trebuie să fie text")]
    public void Each_field_is_checked_and_the_message_says_it_is_the_file(string replace, string with, string ro)
    {
        var e = Assert.Throws<ProjectException>(() => ProjectFile.Import(File(Valid(replace, with))));
        Assert.StartsWith("Fișierul de proiect nu poate fi importat: ", e.Text.Ro);
        Assert.Contains(ro, e.Text.Ro);
    }

    [Fact]
    public void Oversized_sources_and_files_are_refused_as_too_large()
    {
        var source = Assert.Throws<ProjectException>(() => ProjectFile.Import(File(Valid("// x", new string('x', ProjectLimits.MaxSourceChars + 1)))));
        Assert.Equal(ProjectFailure.TooLarge, source.Failure);
        var file = Assert.Throws<ProjectException>(() => ProjectFile.Import(new byte[ProjectLimits.MaxBodyBytes + 1]));
        Assert.Equal(ProjectFailure.TooLarge, file.Failure);
    }

    [Theory]
    [InlineData("Mașina lui Ștefan", "Masina lui Stefan.roboclub.json")]
    [InlineData("Stație meteo în curte", "Statie meteo in curte.roboclub.json")]
    [InlineData("ŞŢĂÎÂ şţăîâ", "STAIA staia.roboclub.json")]
    [InlineData("Robot 2/3: \"super\"?", "Robot 2_3_ _super__.roboclub.json")]
    [InlineData("🤖🤖", "proiect.roboclub.json")]
    [InlineData("..", "proiect.roboclub.json")]
    public void Export_file_names_have_an_ASCII_fallback_and_the_exact_UTF8_name(string name, string ascii)
    {
        var header = ContentDispositionHeaderValue.Parse(ExportFileName.ContentDisposition(name));
        Assert.Equal("attachment", header.DispositionType);
        Assert.Equal(ascii, header.FileName!.Trim('"'));
        Assert.All(header.FileName!, c => Assert.True(c < 128));
        string expected = name.Replace('/', '_').Replace(':', '_').Replace('"', '_').Replace('?', '_');
        if (expected.Trim('.').Length == 0) expected = "proiect";
        Assert.Equal(expected + ".roboclub.json", header.FileNameStar);
    }
}
