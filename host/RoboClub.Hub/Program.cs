using System.CommandLine;

namespace RoboClub.Hub;

/// <summary>The `roboclub` command. Each sub-command lives in its own file.</summary>
public static class Program
{
    public static Task<int> Main(string[] args) =>
        CreateRootCommand().Parse(args).InvokeAsync(new InvocationConfiguration
        {
            // The broker handles Ctrl+C and SIGTERM itself: it must be allowed to save its state,
            // however long that takes, instead of being killed after System.CommandLine's 2 s.
            ProcessTerminationTimeout = null,
        });

    internal static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("RoboClub hub. Without a command it runs the hub; today that is the MQTT broker (the web editor and virtual boards come next).");
        root.Subcommands.Add(new BrokerCommand());
        root.Subcommands.Add(new VirtualBoardCommand());
        root.SetAction((_, _) => RunHubAsync(Console.Out, Console.Error));
        return root;
    }

    /// <summary>Where the hub keeps its data unless told otherwise: the user's local app-data folder,
    /// so data survives restarts without the librarian choosing a folder.</summary>
    internal static string DefaultDataDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "RoboClub");

    /// <summary>`roboclub` with no command: the hub. For now the broker on 127.0.0.1:1883 with its state
    /// kept in the data folder.</summary>
    static async Task<int> RunHubAsync(TextWriter output, TextWriter error)
    {
        string data = Path.Combine(DefaultDataDirectory, "broker");
        await output.WriteLineAsync("RoboClub hub: starting the MQTT broker (the web editor and virtual boards are not built yet).").ConfigureAwait(false);
        var settings = new BrokerSettings(Port: 1883, DataDirectory: data, Listen: false, WebSocketPort: null, ConfigFile: null, MaxQueued: null, Verbose: false);
        return await BrokerCommand.RunAsync(settings, output, error).ConfigureAwait(false);
    }
}
