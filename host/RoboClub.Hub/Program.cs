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
        var root = new RootCommand("RoboClub hub. Without a command it runs the hub: today the MQTT broker and virtual boards (the web editor comes next).");
        root.Subcommands.Add(new BrokerCommand());
        root.Subcommands.Add(new VirtualBoardCommand());
        root.Subcommands.Add(new RunCommand());
        root.Subcommands.Add(new CompileCommand());
        HubCommand.AddTo(root);
        return root;
    }

    /// <summary>Where the hub keeps its data unless told otherwise: the user's local app-data folder,
    /// so data survives restarts without the librarian choosing a folder.</summary>
    internal static string DefaultDataDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "RoboClub");
}
