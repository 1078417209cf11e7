namespace RoboClub.Mqtt.Tests.Codec;

/// <summary>Topic names, topic filters and matching, table-driven from the examples in spec section 4.7 (and 4.8.2 for $share).</summary>
public class MqttTopicTests
{
    [Theory]
    [InlineData("sport/tennis/player1", true)]
    [InlineData("sport", true)]
    [InlineData("/", true)]                  // "/" is a valid topic of two empty levels
    [InlineData("/finance", true)]
    [InlineData("a//b", true)]               // empty level
    [InlineData("Accounts payable", true)]   // spaces are allowed
    [InlineData("$SYS/monitor/Clients", true)]
    [InlineData("$share/g/t", true)]         // only filters give $share a meaning
    [InlineData("ü/✓/🤖", true)]
    [InlineData("", false)]                  // at least one character
    [InlineData("+", false)]
    [InlineData("#", false)]
    [InlineData("sport/+/player1", false)]
    [InlineData("sport/tennis/#", false)]
    [InlineData("sport+", false)]            // wildcard characters are not allowed anywhere in a name
    [InlineData("a\0b", false)]              // U+0000
    public void Topic_name_validity(string topic, bool valid) => Assert.Equal(valid, MqttTopic.IsValidTopicName(topic));

    [Fact]
    public void Topic_name_length_limit_is_65535_utf8_bytes()
    {
        Assert.True(MqttTopic.IsValidTopicName(new string('a', 65535)));
        Assert.False(MqttTopic.IsValidTopicName(new string('a', 65536)));
        Assert.True(MqttTopic.IsValidTopicName(string.Concat(Enumerable.Repeat("✓", 21845))));  // 65535 bytes
        Assert.False(MqttTopic.IsValidTopicName(string.Concat(Enumerable.Repeat("✓", 21846)))); // 65538 bytes, only 21846 chars
        Assert.False(MqttTopic.IsValidTopicFilter(new string('a', 65536)));
    }

    [Theory]
    // spec 4.7.1.2 multi-level wildcard
    [InlineData("sport/tennis/player1/#", true)]
    [InlineData("#", true)]
    [InlineData("sport/#", true)]
    [InlineData("sport/tennis#", false)]
    [InlineData("sport/tennis/#/ranking", false)]
    [InlineData("##", false)]
    [InlineData("#/", false)]
    // spec 4.7.1.3 single-level wildcard
    [InlineData("+", true)]
    [InlineData("+/tennis/#", true)]
    [InlineData("sport/+/player1", true)]
    [InlineData("sport+", false)]
    [InlineData("+sport", false)]
    [InlineData("sport/+x/a", false)]
    [InlineData("++", false)]
    [InlineData("+/+", true)]
    [InlineData("/+", true)]
    [InlineData("+/", true)]
    // plain and odd but valid
    [InlineData("/", true)]
    [InlineData("a//b", true)]
    [InlineData("$SYS/#", true)]
    [InlineData("", false)]
    [InlineData("a\0b", false)]
    // spec 4.8.2 shared subscriptions: $share/{ShareName}/{filter}
    [InlineData("$share/consumer1/sport/tennis/+", true)]
    [InlineData("$share/consumer2/sport/tennis/+", true)]
    [InlineData("$share/g/#", true)]
    [InlineData("$share/g/+", true)]
    [InlineData("$share/g//", true)]           // inner filter "/" is valid
    [InlineData("$share/consumer1", false)]    // no filter
    [InlineData("$share/consumer1/", false)]   // empty filter
    [InlineData("$share//sport", false)]       // empty share name
    [InlineData("$share/", false)]
    [InlineData("$share/g+/a", false)]         // wildcard in share name
    [InlineData("$share/#/a", false)]
    [InlineData("$share/+/a", false)]
    [InlineData("$share/g/a#", false)]         // invalid inner filter
    [InlineData("$share/g/a/#/b", false)]
    [InlineData("$share/g\0/a", false)]        // U+0000 in share name
    [InlineData("$share/g/a\0", false)]
    [InlineData("$shared/g/a", true)]          // not the prefix: an ordinary filter
    [InlineData("$share", true)]               // ditto
    public void Topic_filter_validity(string filter, bool valid) => Assert.Equal(valid, MqttTopic.IsValidTopicFilter(filter));

    [Theory]
    [InlineData("$share/consumer1/sport/tennis/+", "consumer1", "sport/tennis/+")]
    [InlineData("$share/g/#", "g", "#")]
    [InlineData("$share/g/a/b", "g", "a/b")]
    [InlineData("$share/ü/✓", "ü", "✓")]
    public void Shared_filters_split_into_group_and_filter(string filter, string group, string inner)
    {
        Assert.True(MqttTopic.TrySplitShared(filter, out var g, out var f));
        Assert.Equal(group, g);
        Assert.Equal(inner, f);
    }

    [Theory]
    [InlineData("sport/tennis")]
    [InlineData("$share/g")]
    [InlineData("$share//a")]
    [InlineData("$share/g/")]
    [InlineData("$share/g+/a")]
    public void Non_shared_or_bad_shared_filters_do_not_split(string filter) => Assert.False(MqttTopic.TrySplitShared(filter, out _, out _));

    [Theory]
    // spec 4.7.1.2
    [InlineData("sport/tennis/player1/#", "sport/tennis/player1", true)]
    [InlineData("sport/tennis/player1/#", "sport/tennis/player1/ranking", true)]
    [InlineData("sport/tennis/player1/#", "sport/tennis/player1/score/wimbledon", true)]
    [InlineData("sport/tennis/player1/#", "sport/tennis/player2", false)]
    [InlineData("sport/tennis/player1/#", "sport/tennis", false)]
    [InlineData("sport/#", "sport", true)]                 // parent level
    [InlineData("sport/#", "sport/", true)]
    [InlineData("sport/#", "sports", false)]
    [InlineData("#", "sport/tennis/player1", true)]
    [InlineData("#", "/", true)]
    [InlineData("#", "a", true)]
    [InlineData("a/b/#", "a", false)]
    // spec 4.7.1.3
    [InlineData("sport/tennis/+", "sport/tennis/player1", true)]
    [InlineData("sport/tennis/+", "sport/tennis/player2", true)]
    [InlineData("sport/tennis/+", "sport/tennis/player1/ranking", false)]
    [InlineData("sport/+", "sport", false)]
    [InlineData("sport/+", "sport/", true)]                // + matches an empty level
    [InlineData("+/+", "/finance", true)]
    [InlineData("/+", "/finance", true)]
    [InlineData("+", "/finance", false)]
    [InlineData("+", "finance", true)]
    [InlineData("+", "", true)]
    [InlineData("sport/+/player1", "sport/tennis/player1", true)]
    [InlineData("sport/+/player1", "sport/tennis/player2", false)]
    [InlineData("+/tennis/#", "sport/tennis", true)]
    [InlineData("+/tennis/#", "sport/tennis/player1/x", true)]
    [InlineData("+/tennis/#", "sport/golf", false)]
    // empty levels
    [InlineData("a/+/b", "a//b", true)]
    [InlineData("a/#", "a//b", true)]
    [InlineData("+/+/+", "a//b", true)]
    [InlineData("a/b", "a//b", false)]
    [InlineData("a//b", "a//b", true)]
    [InlineData("/", "/", true)]
    [InlineData("+/+", "/", true)]
    [InlineData("+", "/", false)]
    // exact, case-sensitive
    [InlineData("ACCOUNTS", "Accounts", false)]
    [InlineData("Accounts payable", "Accounts payable", true)]
    [InlineData("/finance", "finance", false)]
    [InlineData("a/b", "a/b/c", false)]
    [InlineData("a/b/c", "a/b", false)]
    // spec 4.7.2: topics starting with $ are not matched by filters starting with a wildcard
    [InlineData("#", "$SYS/monitor/Clients", false)]
    [InlineData("#", "$SYS", false)]
    [InlineData("+/monitor/Clients", "$SYS/monitor/Clients", false)]
    [InlineData("+", "$SYS", false)]
    [InlineData("$SYS/#", "$SYS/monitor/Clients", true)]
    [InlineData("$SYS/#", "$SYS", true)]
    [InlineData("$SYS/monitor/+", "$SYS/monitor/Clients", true)]
    [InlineData("$SYS/+/Clients", "$SYS/monitor/Clients", true)]
    [InlineData("a/#", "a/$SYS", true)]                     // only a leading $ is special
    [InlineData("+/+", "a/$b", true)]
    public void Filter_matching(string filter, string topic, bool matches) => Assert.Equal(matches, MqttTopic.Matches(filter, topic));

    [Theory]
    [InlineData("a/+", true)]
    [InlineData("#", true)]
    [InlineData("a/b", false)]
    [InlineData("$share/g/a", false)]
    public void Has_wildcards(string filter, bool has) => Assert.Equal(has, MqttTopic.HasWildcards(filter));

    [Fact]
    public void Matching_agrees_with_a_reference_implementation_on_random_inputs()
    {
        // A second, obviously-correct matcher (split on '/' and compare level by level) against the fast
        // span-based one, on random topics/filters over a tiny alphabet so that matches are frequent.
        var rnd = new Random(4242);
        string[] levels = ["", "a", "b", "$x", "+", "#"];
        for (int i = 0; i < 20_000; i++)
        {
            string topic = string.Join('/', Enumerable.Range(0, rnd.Next(1, 5)).Select(_ => levels[rnd.Next(4)]));
            string filter = string.Join('/', Enumerable.Range(0, rnd.Next(1, 5)).Select(_ => levels[rnd.Next(levels.Length)]));
            if (!MqttTopic.IsValidTopicFilter(filter) || !MqttTopic.IsValidTopicName(topic)) continue;
            Assert.True(Reference(filter, topic) == MqttTopic.Matches(filter, topic), $"filter '{filter}' topic '{topic}'");
        }

        static bool Reference(string filter, string topic)
        {
            if (topic.StartsWith('$') && (filter.StartsWith('+') || filter.StartsWith('#'))) return false;
            var f = filter.Split('/');
            var t = topic.Split('/');
            for (int i = 0; i < f.Length; i++)
            {
                if (f[i] == "#") return true;
                if (i >= t.Length) return false;
                if (f[i] != "+" && f[i] != t[i]) return false;
            }
            return f.Length == t.Length;
        }
    }
}
