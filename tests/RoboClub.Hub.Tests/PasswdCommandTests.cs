using System.Net;
using System.Text;
using RoboClub.Mqtt;
using RoboClub.Mqtt.Broker;

namespace RoboClub.Hub.Tests;

public sealed class PasswdCommandTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("roboclub-passwd-").FullName;
    readonly StringWriter _out = new(), _err = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    string PathOf(string name) => Path.Combine(_dir, name);

    int Run(string file, string user, string? password, bool delete = false, string? typed = null) =>
        PasswdCommand.Execute(file, user, password, delete, () => typed, _out, _err);

    static async Task<MqttReasonCode> Auth(string file, string user, string password) =>
        await MqttBrokerConfigFile.Load(file).AuthenticateAsync(
            new MqttClientIdentity("c", user, new IPEndPoint(IPAddress.Loopback, 1), MqttProtocolVersion.V311),
            Encoding.UTF8.GetBytes(password), CancellationToken.None);

    [Fact]
    public async Task CreatesTheFile_OwnerOnly()
    {
        string file = PathOf("new/broker.conf");
        Assert.Equal(0, Run(file, "board-01", "pw1"));
        Assert.Matches(@"^user board-01 pbkdf2-sha256\$210000\$\S+\n$", File.ReadAllText(file));
        Assert.Equal(MqttReasonCode.Success, await Auth(file, "board-01", "pw1"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        Assert.Contains("Set the password of 'board-01'", _out.ToString());
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(file)!, "*.tmp"));
    }

    [Fact]
    public async Task UpdatesTheUserLine_KeepsEverythingElse()
    {
        string file = PathOf("broker.conf");
        Assert.Equal(0, Run(file, "board-01", "old"));
        string hashLine = File.ReadAllLines(file)[0];
        File.WriteAllText(file, $"# header\r\nallow_anonymous false\r\n{hashLine}\r\n\r\npattern readwrite robots/%u/#\r\n");
        Assert.Equal(0, Run(file, "board-01", "new"));
        Assert.Equal(0, Run(file, "board-02", "two"));

        string[] lines = File.ReadAllText(file).Split("\r\n");
        Assert.Equal("# header", lines[0]);
        Assert.Equal("allow_anonymous false", lines[1]);
        Assert.StartsWith("user board-01 pbkdf2-sha256$", lines[2]);
        Assert.NotEqual(hashLine, lines[2]);
        Assert.Equal("", lines[3]);
        Assert.Equal("pattern readwrite robots/%u/#", lines[4]);
        Assert.StartsWith("user board-02 pbkdf2-sha256$", lines[5]);
        Assert.Equal("", lines[6]); // ends with CRLF
        Assert.Equal(7, lines.Length);
        Assert.DoesNotContain("\n", File.ReadAllText(file).Replace("\r\n", ""));

        Assert.Equal(MqttReasonCode.BadUserNameOrPassword, await Auth(file, "board-01", "old"));
        Assert.Equal(MqttReasonCode.Success, await Auth(file, "board-01", "new"));
        Assert.Equal(MqttReasonCode.Success, await Auth(file, "board-02", "two"));
    }

    [Fact]
    public void AppendsAfterALastLineWithoutNewline()
    {
        string file = PathOf("broker.conf");
        File.WriteAllText(file, "allow_anonymous true");
        Assert.Equal(0, Run(file, "u", "p"));
        string[] lines = File.ReadAllLines(file);
        Assert.Equal("allow_anonymous true", lines[0]);
        Assert.StartsWith("user u ", lines[1]);
    }

    [Fact]
    public void PasswordFromThePrompt()
    {
        string file = PathOf("broker.conf");
        Assert.Equal(0, Run(file, "u", null, typed: "typed-pw"));
        var hash = File.ReadAllText(file).Split(' ')[2].Trim();
        Assert.True(PasswordHasher.TryParse(hash, out var parsed, out _));
        Assert.True(PasswordHasher.Verify("typed-pw", parsed!));
    }

    [Fact]
    public void NoPassword_IsAnError()
    {
        string file = PathOf("broker.conf");
        Assert.Equal(1, Run(file, "u", null, typed: null));
        Assert.Equal(1, Run(file, "u", null, typed: ""));
        Assert.False(File.Exists(file));
        Assert.Contains("no password given", _err.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("a/b")]
    [InlineData("plus+")]
    [InlineData("#")]
    public void BadUserName_IsRefused(string user)
    {
        string file = PathOf("broker.conf");
        Assert.Equal(1, Run(file, user, "pw"));
        Assert.False(File.Exists(file));
    }

    [Fact]
    public void Delete()
    {
        string file = PathOf("broker.conf");
        Assert.Equal(0, Run(file, "a", "pw"));
        Assert.Equal(0, Run(file, "b", "pw"));
        Assert.Equal(0, Run(file, "a", null, delete: true));
        Assert.Equal(["b"], MqttBrokerConfigFile.Load(file).UserNames);
        Assert.Equal(1, Run(file, "a", null, delete: true));
        Assert.Contains("has no user 'a'", _err.ToString());
    }

    [Fact]
    public void DeletingAUserWithRules_IsRefused_FileUnchanged()
    {
        string file = PathOf("broker.conf");
        Assert.Equal(0, Run(file, "a", "pw"));
        File.AppendAllText(file, "user_topic a readwrite a/#\n");
        string before = File.ReadAllText(file);
        Assert.Equal(1, Run(file, "a", null, delete: true));
        Assert.Equal(before, File.ReadAllText(file));
        Assert.Contains("is not changed", _err.ToString());
    }

    [Fact]
    public void BrokenFile_IsNotTouched()
    {
        string file = PathOf("broker.conf");
        File.WriteAllText(file, "allow_anonymous perhaps\n");
        Assert.Equal(1, Run(file, "u", "pw"));
        Assert.Equal("allow_anonymous perhaps\n", File.ReadAllText(file));
        Assert.Contains(":1: expected `allow_anonymous true`", _err.ToString());
    }

    [Fact]
    public void ThroughTheCommandLine()
    {
        string file = PathOf("cli.conf");
        int rc = Program.CreateRootCommand().Parse(["broker", "passwd", file, "board-07", "pw7"]).Invoke();
        Assert.Equal(0, rc);
        Assert.Equal(["board-07"], MqttBrokerConfigFile.Load(file).UserNames);
        rc = Program.CreateRootCommand().Parse(["broker", "passwd", "--delete", file, "board-07"]).Invoke();
        Assert.Equal(0, rc);
        Assert.Empty(MqttBrokerConfigFile.Load(file).UserNames);
    }

    [Fact]
    public void SetUser_TextEditing()
    {
        Assert.Equal("user a H\n", PasswdCommand.SetUser("", "a", "H"));
        Assert.Equal("x\nuser a H\n", PasswdCommand.SetUser("x\n", "a", "H"));
        Assert.Equal("x\r\nuser a H2\r\ny\r\n", PasswdCommand.SetUser("x\r\nuser a H1\r\ny\r\n", "a", "H2"));
        Assert.Equal("user ab H\nuser a H2\n", PasswdCommand.SetUser("user ab H\n", "a", "H2")); // whole-word match
        Assert.Equal("# user a old\nuser a H\n", PasswdCommand.SetUser("# user a old\n", "a", "H")); // comments are not users
    }
}
