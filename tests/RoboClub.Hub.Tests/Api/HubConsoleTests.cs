using System.Net.NetworkInformation;
using System.Net.Sockets;
using RoboClub.Hub.Qr;
using RoboClub.Hub.Serve;

namespace RoboClub.Hub.Tests.Api;

public class HubConsoleTests
{
    static bool HasLanAddress() => NetworkInterface.GetAllNetworkInterfaces()
        .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
        .SelectMany(n => n.GetIPProperties().UnicastAddresses)
        .Any(a => a.Address.AddressFamily == AddressFamily.InterNetwork);

    [Fact]
    public void The_terminal_shows_this_pc_first_then_the_network_address_with_a_qr_code_to_scan()
    {
        var output = new StringWriter();
        var console = new HubConsole(output);
        console.Started(["http://0.0.0.0:5180"], 1883, new HubSettings { Lan = true, Lang = "ro" }, ["robot-1"]);
        string text = output.ToString();
        Assert.Equal("http://localhost:5180/", console.PageUrls[0]);
        Assert.Contains("Editorul: http://localhost:5180/", text);
        Assert.Contains("plăcuță virtuală 'robot-1'", text);
        if (HasLanAddress())
        {
            Assert.NotNull(console.LanUrl);
            Assert.Matches(@"^http://\d+\.\d+\.\d+\.\d+:5180/$", console.LanUrl);
            Assert.Contains(QrCode.Encode(console.LanUrl!).ToTerminal(), text);
        }
    }

    [Fact]
    public void A_local_only_hub_shows_no_network_address_and_no_qr_code()
    {
        var output = new StringWriter();
        var console = new HubConsole(output);
        console.Started(["http://127.0.0.1:5180"], 1883, new HubSettings { Lan = false }, []);
        Assert.Equal(["http://localhost:5180/"], console.PageUrls);
        Assert.Null(console.LanUrl);
        Assert.DoesNotContain("▀", output.ToString());
        Assert.Contains("Press Ctrl+C", output.ToString());
    }
}
