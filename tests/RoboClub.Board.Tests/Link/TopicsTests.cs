using RoboClub.Board.Link;

namespace RoboClub.Board.Tests.Link;

public class TopicsTests
{
    [Fact]
    public void Builds_board_and_club_topics()
    {
        Assert.Equal("roboclub/cluj-1/robot-7/status", Topics.Board("cluj-1", "robot-7", TopicLeaf.Status));
        Assert.Equal("roboclub/cluj-1/robot-7/telemetry", Topics.Board("cluj-1", "robot-7", TopicLeaf.Telemetry));
        Assert.Equal("roboclub/cluj-1/all/cmd", Topics.ClubCommand("cluj-1"));
        Assert.Equal("roboclub/cluj-1/messages/go", Topics.Message("cluj-1", "go"));
        Assert.Equal("roboclub/cluj-1/messages/#", Topics.MessagesFilter("cluj-1"));
        Assert.Equal("roboclub/cluj-1/robot-7/#", Topics.BoardFilter("cluj-1", "robot-7"));
    }

    [Fact]
    public void Every_leaf_round_trips()
    {
        foreach (TopicLeaf leaf in Enum.GetValues<TopicLeaf>().Where(l => l != TopicLeaf.None))
        {
            string topic = Topics.Board("c", "b", leaf);
            ParsedTopic p = Topics.Parse(topic);
            Assert.Equal(TopicKind.Board, p.Kind);
            Assert.Equal("c", p.Club);
            Assert.Equal("b", p.Board);
            Assert.Equal(leaf, p.Leaf);
            Assert.Equal(leaf, Topics.ParseLeaf(Topics.LeafName(leaf)));
        }
    }

    [Fact]
    public void Parses_club_wide_topics()
    {
        ParsedTopic all = Topics.Parse("roboclub/x/all/cmd");
        Assert.Equal(TopicKind.ClubCommand, all.Kind);
        Assert.Equal(TopicLeaf.Cmd, all.Leaf);
        ParsedTopic msg = Topics.Parse("roboclub/x/messages/start-game");
        Assert.Equal(TopicKind.Message, msg.Kind);
        Assert.Equal("start-game", msg.MessageName);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("other/x/b/status", "does not start with")]
    [InlineData("roboclub/x/b", "must have 4 levels")]
    [InlineData("roboclub/x/b/status/extra", "must have 4 levels")]
    [InlineData("roboclub/X/b/status", "club name \"X\" has 'X'")]
    [InlineData("roboclub/x/b/nope", "unknown topic leaf")]
    [InlineData("roboclub/x/all/status", "must end in /all/cmd")]
    [InlineData("roboclub/x/messages/Go!", "message name")]
    [InlineData("roboclub/x//status", "board name is empty")]
    [InlineData("roboclub/x/+/status", "has '+'")]
    [InlineData("roboclub/#", "must have 4 levels")]
    public void Parse_refuses_bad_topics(string topic, string expected)
    {
        ParsedTopic p = Topics.Parse(topic);
        Assert.False(p.IsValid);
        Assert.Equal(TopicKind.Invalid, p.Kind);
        Assert.Contains(expected, p.Error);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("robot-1")]
    [InlineData("0123456789abcdefghijklmnopqrstuv")] // 32
    public void Valid_names(string name)
    {
        Assert.True(Topics.IsValidName(name));
        Assert.Null(Topics.CheckName(name, "board"));
    }

    [Theory]
    [InlineData(null, "is empty")]
    [InlineData("", "is empty")]
    [InlineData("0123456789abcdefghijklmnopqrstuvw", "longer than 32")]
    [InlineData("Robot", "has 'R' at 0")]
    [InlineData("a/b", "has '/' at 1")]
    [InlineData("a+", "has '+'")]
    [InlineData("a#", "has '#'")]
    [InlineData("a b", "has ' '")]
    [InlineData("a_b", "has '_'")]
    [InlineData("ș", "has 'ș'")]
    [InlineData("a\u0000", "has '\\u0000'")]
    public void Invalid_names_are_explained(string? name, string expected)
    {
        Assert.False(Topics.IsValidName(name!));
        string error = Topics.CheckName(name!, "board");
        Assert.StartsWith("board name", error);
        Assert.Contains(expected, error);
        var e = Assert.Throws<ArgumentException>(() => Topics.Board("club", name!, TopicLeaf.Status));
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("all")]
    [InlineData("messages")]
    public void Reserved_board_names(string name)
    {
        Assert.Contains("reserved", Topics.CheckBoardName(name));
        Assert.Throws<ArgumentException>(() => Topics.Board("club", name, TopicLeaf.Cmd));
    }

    [Fact]
    public void Club_name_is_checked_too()
    {
        var e = Assert.Throws<ArgumentException>(() => Topics.ClubCommand("Club"));
        Assert.Contains("club name", e.Message);
        Assert.Throws<ArgumentException>(() => Topics.Message("club", "Go"));
    }
}
