using RoboClub.Mqtt.Broker;

namespace RoboClub.Mqtt.Tests.Config;

public class TopicFilterRelationTests
{
    [Theory]
    // rule, subscription filter, covered?
    [InlineData("a/b/c", "a/b/c", true)]
    [InlineData("a/b/c", "a/b/d", false)]
    [InlineData("a/b/c", "a/+/c", false)]
    [InlineData("a/+/c", "a/b/c", true)]
    [InlineData("a/+/c", "a/+/c", true)]
    [InlineData("a/+/c", "a/#", false)]
    [InlineData("a/+/c", "a/b/c/d", false)]
    [InlineData("a/+/c", "a/b", false)]
    [InlineData("a/#", "a/+/c", true)]
    [InlineData("a/#", "a", true)]            // "a/#" matches the parent level
    [InlineData("a/#", "a/#", true)]
    [InlineData("a/#", "a/+", true)]
    [InlineData("a/#", "b/#", false)]
    [InlineData("a/#", "#", false)]
    [InlineData("a/b/#", "a/#", false)]       // "a/#" matches "a" and "a/x", which "a/b/#" does not
    [InlineData("a/+", "a/#", false)]
    [InlineData("a/+", "a", false)]
    [InlineData("a/+", "a/", true)]           // empty level
    [InlineData("a/+/#", "a/#", false)]       // "a/#" matches "a"
    [InlineData("+/#", "#", true)]            // both match every topic of one level or more
    [InlineData("+/#", "a/#", true)]
    [InlineData("+/+/#", "#", false)]
    [InlineData("a/+/#", "a/+/#", true)]
    [InlineData("a/+/#", "a/b", true)]
    [InlineData("+", "a", true)]
    [InlineData("+", "+", true)]
    [InlineData("+", "a/b", false)]
    [InlineData("+/+", "+/b", true)]
    [InlineData("#", "#", true)]
    [InlineData("#", "a/+/c/#", true)]
    [InlineData("#", "$SYS/broker/uptime", false)] // wildcards at the first level never match '$' topics
    [InlineData("#", "$SYS/#", false)]
    [InlineData("+/broker", "$SYS/broker", false)]
    [InlineData("$SYS/#", "$SYS/broker/+", true)]
    [InlineData("$SYS/#", "+/broker", false)]
    [InlineData("#", "+/x", true)]            // "+/x" matches no '$' topic either
    [InlineData("roboclub/club1/board-01/#", "roboclub/club1/board-01/status", true)]
    [InlineData("roboclub/club1/board-01/#", "roboclub/club1/+/status", false)]
    public void Covers(string rule, string filter, bool expected) =>
        Assert.Equal(expected, TopicFilterRelation.Covers(rule, filter));

    [Theory]
    [InlineData("a/b", "a/b", true)]
    [InlineData("a/b", "a/c", false)]
    [InlineData("a/+", "+/b", true)]
    [InlineData("a/+", "a/b/c", false)]
    [InlineData("a/+", "a", false)]
    [InlineData("a/#", "a", true)]
    [InlineData("a", "a/#", true)]
    [InlineData("a/#", "a/b/c", true)]
    [InlineData("a/#", "b/#", false)]
    [InlineData("#", "a/b", true)]
    [InlineData("#", "$SYS/x", false)]
    [InlineData("$SYS/#", "#", false)]
    [InlineData("+/x", "$SYS/x", false)]
    [InlineData("$SYS/+", "$SYS/#", true)]
    [InlineData("+/+/c", "a/b/+", true)]
    [InlineData("+/+/c", "a/b/d", false)]
    [InlineData("a/b/c/d", "a/+/c/#", true)]
    [InlineData("a/b", "a/b/", false)]
    [InlineData("secret/#", "#", true)]
    [InlineData("secret/#", "+/x", true)]
    [InlineData("secret/#", "public/#", false)]
    public void Overlaps(string a, string b, bool expected)
    {
        Assert.Equal(expected, TopicFilterRelation.Overlaps(a, b));
        Assert.Equal(expected, TopicFilterRelation.Overlaps(b, a)); // symmetric
    }

    /// <summary>Cross-check against brute force: over every topic of up to 5 levels built from "a", "b"
    /// and "" (and the same under "$s"), "covers" must mean every topic the filter matches is matched by
    /// the rule, and "overlaps" that some topic matches both. Filters have at most 4 levels, so a
    /// counterexample, if any, shows up within 5 levels.</summary>
    [Fact]
    public void AgreesWithBruteForce()
    {
        static IEnumerable<string> Sequences(string[] alphabet, int maxDepth)
        {
            var current = new List<string> { "" };
            for (int depth = 1; depth <= maxDepth; depth++)
            {
                current = current.SelectMany(p => alphabet.Select(l => depth == 1 ? l : p + "/" + l)).ToList();
                foreach (var s in current) yield return s;
            }
        }
        var plainTopics = Sequences(["a", "b", ""], 5).ToList();
        var topics = plainTopics.Concat(["$s"]).Concat(Sequences(["a", "b", ""], 4).Select(t => "$s/" + t))
            .Where(MqttTopic.IsValidTopicName).ToList();

        var bodies = Sequences(["a", "b", "+"], 3).ToList();
        var filters = new List<string> { "#", "$s", "$s/#" };
        foreach (var f in bodies)
        {
            filters.Add(f);
            filters.Add(f + "/#");
            if (f.Split('/').Length < 3)
            {
                filters.Add("$s/" + f);
                filters.Add("$s/" + f + "/#");
            }
        }
        Assert.All(filters, f => Assert.True(MqttTopic.IsValidTopicFilter(f), f));

        var matches = filters.ToDictionary(f => f, f => topics.Where(t => MqttTopic.Matches(f, t)).ToHashSet());
        foreach (var rule in filters)
        {
            foreach (var filter in filters)
            {
                bool covers = matches[filter].IsSubsetOf(matches[rule]);
                bool overlaps = matches[filter].Overlaps(matches[rule]);
                Assert.True(covers == TopicFilterRelation.Covers(rule, filter), $"Covers({rule}, {filter}) should be {covers}");
                Assert.True(overlaps == TopicFilterRelation.Overlaps(rule, filter), $"Overlaps({rule}, {filter}) should be {overlaps}");
            }
        }
    }
}
