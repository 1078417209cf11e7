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
        var root = new RootCommand("RoboClub hub");
        root.Subcommands.Add(new BrokerCommand());
        return root;
    }
}
