using System.CommandLine;
using System.Net;
using RoboClub.Mqtt.Broker;

namespace RoboClub.Hub.Tests;

public class BrokerCommandTests
{
    static (ParseResult Result, BrokerSettings? Settings) Parse(params string[] args)
    {
        var result = Program.CreateRootCommand().Parse(args);
        var settings = result.Errors.Count == 0 && result.CommandResult.Command is BrokerCommand broker ? broker.ReadSettings(result) : null;
        return (result, settings);
    }

    static BrokerPlan Plan(params string[] args)
    {
        var (result, settings) = Parse(args);
        Assert.Empty(result.Errors);
        return BrokerCommand.CreatePlan(settings!, log: null);
    }

    [Fact]
    public void Defaults_LoopbackPort1883_AnonymousInMemory()
    {
        var plan = Plan("broker");
        var o = plan.Options;
        Assert.Equal(IPAddress.Loopback, o.ListenAddress);
        Assert.Equal(1883, o.Port);
        Assert.Null(o.DataDirectory);
        Assert.Null(o.WebSocketPort);
        Assert.True(o.AllowAnonymous);
        Assert.Null(o.Security);
        Assert.Null(plan.Config);
        Assert.Equal(new MqttBrokerOptions().MaximumQueuedMessages, o.MaximumQueuedMessages);
        Assert.Empty(plan.Warnings);
    }

    [Fact]
    public void EveryOption()
    {
        string data = Path.Combine(Path.GetTempPath(), "roboclub-data-test");
        string config = WriteTempConfig("allow_anonymous true\ntopic readwrite #\n");
        try
        {
            var (result, settings) = Parse("broker", "--port", "0", "--data", data, "--listen", "--ws-port", "9001",
                "--config", config, "--max-queued", "0", "--verbose");
            Assert.Empty(result.Errors);
            Assert.Equal(new BrokerSettings(0, Path.GetFullPath(data), true, 9001, Path.GetFullPath(config), 0, true), settings);
            var plan = BrokerCommand.CreatePlan(settings!, (_, _) => { });
            Assert.Equal(IPAddress.Any, plan.Options.ListenAddress);
            Assert.Equal(0, plan.Options.Port);
            Assert.Equal(Path.GetFullPath(data), plan.Options.DataDirectory);
            Assert.Equal(9001, plan.Options.WebSocketPort);
            Assert.Equal(0, plan.Options.MaximumQueuedMessages);
            Assert.NotNull(plan.Options.Log);
            Assert.Same(plan.Config, plan.Options.Security);
            Assert.True(plan.Options.AllowAnonymous);
            Assert.Contains(plan.Warnings, w => w.Contains("every network interface"));
            Assert.Contains(plan.Warnings, w => w.Contains("allows anonymous clients"));
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public void ShortAliases()
    {
        var (_, settings) = Parse("broker", "-p", "1884", "-v");
        Assert.Equal(1884, settings!.Port);
        Assert.True(settings.Verbose);
    }

    [Fact]
    public void Config_DecidesAnonymous()
    {
        string config = WriteTempConfig("# no allow_anonymous: false\n");
        try
        {
            var plan = Plan("broker", "--config", config);
            Assert.False(plan.Options.AllowAnonymous);
            Assert.IsType<MqttBrokerConfigFile>(plan.Options.Security);
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public void Listen_WithoutConfig_WarnsAboutAnonymousAccess()
    {
        var plan = Plan("broker", "--listen");
        Assert.Equal(2, plan.Warnings.Count);
        Assert.Contains(plan.Warnings, w => w.Contains("no --config"));
    }

    [Theory]
    [InlineData("--port", "70000")]
    [InlineData("--port", "-1")]
    [InlineData("--port", "abc")]
    [InlineData("--ws-port", "65536")]
    [InlineData("--max-queued", "-5")]
    [InlineData("--bogus", "1")]
    public void BadValues_AreParseErrors(string option, string value)
    {
        var (result, _) = Parse("broker", option, value);
        Assert.NotEmpty(result.Errors);
    }

    [Fact]
    public void BrokenConfig_IsReportedWithItsLine()
    {
        string config = WriteTempConfig("allow_anonymous false\ntopic reed #\n");
        try
        {
            var (_, settings) = Parse("broker", "--config", config);
            var e = Assert.Throws<MqttBrokerConfigException>(() => BrokerCommand.CreatePlan(settings!, null));
            Assert.Equal(2, e.LineNumber);
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public async Task Run_WithBrokenConfig_PrintsTheErrorAndFails()
    {
        string config = WriteTempConfig("frobnicate\n");
        try
        {
            var (_, settings) = Parse("broker", "--config", config);
            var output = new StringWriter();
            var error = new StringWriter();
            Assert.Equal(1, await BrokerCommand.RunAsync(settings!, output, error));
            Assert.Contains($"error: {Path.GetFullPath(config)}:1: unknown directive 'frobnicate'", error.ToString());
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public void Help_DescribesEveryOption()
    {
        var output = new StringWriter();
        int rc = Program.CreateRootCommand().Parse(["broker", "--help"]).Invoke(new InvocationConfiguration { Output = output });
        Assert.Equal(0, rc);
        string help = output.ToString();
        foreach (string option in new[] { "--port", "--data", "--listen", "--ws-port", "--config", "--max-queued", "--verbose", "passwd" })
        {
            Assert.Contains(option, help);
        }
    }

    internal static string WriteTempConfig(string text)
    {
        string path = Path.Combine(Path.GetTempPath(), $"roboclub-test-{Guid.NewGuid():N}.conf");
        File.WriteAllText(path, text);
        return path;
    }
}
