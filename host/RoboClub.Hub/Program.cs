using System.CommandLine;
using RoboClub.Hub.Serve;

namespace RoboClub.Hub;

/// <summary>The `roboclub` command. Each sub-command lives in its own file.</summary>
public sealed class Program
{
    Program() { }

    public static Task<int> Main(string[] args)
    {
        // `--Section:Key=value` tokens are ASP.NET Core configuration for the hub (the test host
        // passes its settings that way too); everything else is parsed strictly.
        var (configuration, rest) = ServeCommand.SplitConfigurationTokens(args);
        return CreateRootCommand(configuration).Parse(rest).InvokeAsync(new InvocationConfiguration
        {
            // The broker and the hub handle Ctrl+C and SIGTERM themselves: they must be allowed to save
            // their state, however long that takes, instead of being killed after System.CommandLine's 2 s.
            ProcessTerminationTimeout = null,
        });
    }

    /// <param name="configuration">`--Section:Key=value` tokens for the hub's web host (see <see cref="ServeCommand"/>).</param>
    internal static RootCommand CreateRootCommand(string[]? configuration = null)
    {
        var root = new RootCommand("RoboClub hub. Without a command it runs the hub (`serve`): the web editor, the MQTT broker for boards and virtual boards.");
        root.Subcommands.Add(new BrokerCommand());
        root.Subcommands.Add(new VirtualBoardCommand());
        root.Subcommands.Add(new RunCommand());
        root.Subcommands.Add(new CompileCommand());
        root.Subcommands.Add(new Flashing.PortsCommand());
        root.Subcommands.Add(new Flashing.FlashCommand());
        root.Subcommands.Add(new Security.LibrarianPasswordCommand());
        root.Subcommands.Add(new Forwarding.RegionalCommand());
        root.Subcommands.Add(new Boards.BoardsCommand());
        ServeCommand.AddTo(root, configuration ?? []);
        return root;
    }

    /// <summary>Where the hub keeps its data unless told otherwise: the user's local app-data folder,
    /// so data survives restarts without the librarian choosing a folder.</summary>
    internal static string DefaultDataDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "RoboClub");
}
