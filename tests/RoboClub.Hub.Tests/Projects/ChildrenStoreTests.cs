using RoboClub.Hub.Projects;

namespace RoboClub.Hub.Tests.Projects;

public sealed class ChildrenStoreTests : IDisposable
{
    readonly TempStore _t = new();
    public void Dispose() => _t.Dispose();

    [Fact]
    public async Task Two_Anas_pick_different_colours_and_the_same_pair_is_refused_whatever_the_case()
    {
        var red = await _t.ChildAsync("Ana", "red");
        var blue = await _t.ChildAsync("Ana", "blue");
        Assert.NotEqual(red.Id, blue.Id);
        var e = await Assert.ThrowsAsync<ProjectException>(() => _t.Store.AddChildAsync("  ana ", "RED"));
        Assert.Equal(ProjectFailure.Taken, e.Failure);
        Assert.Equal("Există deja un copil ana cu culoarea roșu. Alege altă culoare.", e.Text.Ro);
        Assert.Equal(2, (await _t.Store.ListChildrenAsync()).Count);
    }

    [Theory]
    [InlineData("Ștefan-Ăîâ", "Ștefan-Ăîâ")]
    [InlineData("  Maria   Ioana  ", "Maria Ioana")]
    [InlineData("Ştefan", "Ștefan")] // cedilla from an old keyboard becomes the correct comma below
    [InlineData("Ţuţu", "Țuțu")]
    [InlineData("Bence Szőke", "Bence Szőke")]
    [InlineData("Robo2000", "Robo2000")]
    [InlineData("A", "A")]
    [InlineData("Ana\nMaria", "Ana Maria")] // pasted with a line break: whitespace is tidied, not refused
    public async Task Names_with_Romanian_letters_are_kept_trimmed(string typed, string stored)
    {
        var child = await _t.Store.AddChildAsync(typed, "green");
        Assert.Equal(stored, child.Name);
        Assert.Equal(stored, (await _t.Store.GetChildAsync(child.Id)).Name);
    }

    [Fact]
    public async Task Cedilla_and_comma_spellings_are_the_same_child()
    {
        await _t.ChildAsync("Ștefan", "red");
        var e = await Assert.ThrowsAsync<ProjectException>(() => _t.Store.AddChildAsync("ştefan", "red"));
        Assert.Equal(ProjectFailure.Taken, e.Failure);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ana@example.com")]
    [InlineData("---")]
    [InlineData("Ana_Maria")]
    [InlineData("Ana 🤖")]
    [InlineData("Ana\u0007")]
    [InlineData("Ana\u200B")]
    [InlineData("Ana<script>")]
    [InlineData("abcdefghijabcdefghijabcdefghijx")] // 31
    public async Task Bad_names_are_refused_with_both_languages(string name)
    {
        var e = await Assert.ThrowsAsync<ProjectException>(() => _t.Store.AddChildAsync(name, "red"));
        Assert.Equal(ProjectFailure.Invalid, e.Failure);
        Assert.Contains("litere, cifre, spații sau cratime", e.Text.Ro);
        Assert.Empty(await _t.Store.ListChildrenAsync());
    }

    [Fact]
    public async Task A_thirty_character_name_is_fine_and_null_is_refused()
    {
        Assert.Equal(30, (await _t.Store.AddChildAsync(new string('ș', 30), "red")).Name.Length);
        Assert.Equal(ProjectFailure.Invalid, (await Assert.ThrowsAsync<ProjectException>(() => _t.Store.AddChildAsync(null, "red"))).Failure);
    }

    [Theory]
    [InlineData("magenta")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("roșu")] // the key is English; the Romanian name is for the page
    public async Task Only_palette_colours_are_accepted(string? colour)
    {
        var e = await Assert.ThrowsAsync<ProjectException>(() => _t.Store.AddChildAsync("Ana", colour));
        Assert.Equal(ProjectFailure.Invalid, e.Failure);
        Assert.Contains("portocaliu", e.Text.Ro);
    }

    [Fact]
    public void The_palette_has_twelve_distinct_colours_with_names_in_both_languages()
    {
        Assert.Equal(12, ChildColours.All.Count);
        Assert.Equal(12, ChildColours.All.Select(c => c.Key).Distinct().Count());
        Assert.Equal(12, ChildColours.All.Select(c => c.Ro).Distinct().Count());
        Assert.Equal(12, ChildColours.All.Select(c => c.Hex).Distinct().Count());
        Assert.All(ChildColours.All, c => Assert.Matches("^#[0-9A-F]{6}$", c.Hex));
    }

    [Fact]
    public async Task Renaming_or_recolouring_a_child_keeps_the_pair_unique_and_changes_nothing_when_refused()
    {
        var ana = await _t.ChildAsync("Ana", "red");
        var ion = await _t.ChildAsync("Ion", "blue");
        var renamed = await _t.Store.UpdateChildAsync(ana.Id, "Ana Maria", null);
        Assert.Equal(("Ana Maria", "red"), (renamed.Name, renamed.Colour));
        var recoloured = await _t.Store.UpdateChildAsync(ana.Id, null, "purple");
        Assert.Equal(("Ana Maria", "purple"), (recoloured.Name, recoloured.Colour));
        var e = await Assert.ThrowsAsync<ProjectException>(() => _t.Store.UpdateChildAsync(ana.Id, "Ion", "blue"));
        Assert.Equal(ProjectFailure.Taken, e.Failure);
        Assert.Equal("Ana Maria", (await _t.Store.GetChildAsync(ana.Id)).Name);
        Assert.Equal("ion", (await _t.Store.UpdateChildAsync(ion.Id, "ion", null)).Name); // its own pair, another spelling
        Assert.Equal(ProjectFailure.NotFound, (await Assert.ThrowsAsync<ProjectException>(() => _t.Store.UpdateChildAsync(999, "X", null))).Failure);
    }
}

public sealed class TextRulesTests
{
    [Theory]
    [InlineData("Ma\u0306da\u0306lina", "Mădălina")]
    [InlineData("S\u0326tefan", "Ștefan")]
    [InlineData("s\u0327i t\u0327i", "și ți")]
    [InlineData("I\u0302n ca\u0302mp", "În câmp")]
    public void Romanian_letters_typed_with_combining_accents_are_composed(string typed, string tidy) =>
        Assert.Equal(tidy, RoboClub.Hub.Projects.TextRules.Tidy(typed));
}
