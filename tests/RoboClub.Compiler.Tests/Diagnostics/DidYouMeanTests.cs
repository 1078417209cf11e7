using RoboClub.Compiler.Diagnostics;

namespace RoboClub.Compiler.Tests.Diagnostics;

public class DidYouMeanTests
{
    private static readonly string[] Names = ["Wait", "LedOn", "LedOff", "Move", "Distance", "temperatură", "viteză", "Start", "Stop"];

    [Theory]
    [InlineData("Wiat", "Wait")]          // two letters swapped
    [InlineData("wait", "Wait")]          // only the case differs
    [InlineData("WAIT", "Wait")]
    [InlineData("Wai", "Wait")]           // a letter missing
    [InlineData("Waitt", "Wait")]         // a letter too many
    [InlineData("Distanse", "Distance")]  // a letter wrong
    [InlineData("ledon", "LedOn")]
    [InlineData("temperatura", "temperatură")] // diacritics do not count
    [InlineData("viteza", "viteză")]
    [InlineData("Temperatură", "temperatură")]
    public void Suggests_the_closest_name(string typed, string expected) =>
        Assert.Equal(expected, DidYouMean.Suggest(typed, Names));

    [Theory]
    [InlineData("Jump")]
    [InlineData("banana")]
    [InlineData("x")]
    [InlineData("")]
    public void Suggests_nothing_when_nothing_is_close(string typed) =>
        Assert.Null(DidYouMean.Suggest(typed, Names));

    [Fact]
    public void One_letter_names_only_match_by_case()
    {
        Assert.Null(DidYouMean.Suggest("x", ["y", "xy"]));
        Assert.Equal("x", DidYouMean.Suggest("X", ["x", "y"]));
        Assert.Equal("int", DidYouMean.Suggest("nt", ["int", "bool"]));
    }

    [Fact]
    public void Never_suggests_the_name_itself() =>
        Assert.Null(DidYouMean.Suggest("Wait", ["Wait"]));

    [Fact]
    public void Prefers_the_smaller_distance()
    {
        Assert.Equal("Stop", DidYouMean.Suggest("Stpo", ["Start", "Stop"]));
        Assert.Equal("LedOff", DidYouMean.Suggest("LedOf", ["LedOn", "LedOff"]));
    }

    [Fact]
    public void Ties_are_broken_in_ordinal_order_whatever_the_input_order() =>
        Assert.Equal(DidYouMean.Suggest("Lex", ["Led", "Lea"]), DidYouMean.Suggest("Lex", ["Lea", "Led"]));

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "", 3)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("ab", "ba", 1)]
    [InlineData("wiat", "wait", 1)]
    public void Distance_counts_edits_and_swaps(string a, string b, int expected) =>
        Assert.Equal(expected, DidYouMean.Distance(a, b));

    [Fact]
    public void Fold_removes_case_and_romanian_diacritics_in_both_forms() =>
        Assert.Equal("aaistst", DidYouMean.Fold("ĂâÎșȚşţ"));
}
