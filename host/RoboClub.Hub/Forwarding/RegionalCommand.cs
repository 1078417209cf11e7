using System.CommandLine;
using RoboClub.Telemetry;

namespace RoboClub.Hub.Forwarding;

/// <summary>
/// `roboclub regional add-club NAME | remove-club NAME | list [--data DIR]`: the clubs a regional hub
/// accepts (<see cref="RegionalKeys"/>). add-club prints the club's key once; only its hash is kept.
/// The running hub notices the change by itself.
/// </summary>
internal sealed class RegionalCommand : Command
{
    static readonly Option<DirectoryInfo?> Data = new("--data") { Description = "The regional hub's data folder (default: RoboClub in the user's local app-data folder)" };

    public RegionalCommand() : base("regional", "The clubs a regional hub (serve --regional) accepts data from: add-club, remove-club, list")
    {
        var name = new Argument<string>("club") { Description = "The club's name, as its hub's --club" };
        var add = new Command("add-club", "Add a club (or give it a new key) and print its key for the club hub's --forward-key") { name, Data };
        add.SetAction(p => AddClub(p.GetValue(name)!, Folder(p)));
        var removeName = new Argument<string>("club") { Description = "The club's name" };
        var remove = new Command("remove-club", "Stop accepting data from a club (its data already stored stays)") { removeName, Data };
        remove.SetAction(p => RemoveClub(p.GetValue(removeName)!, Folder(p)));
        var list = new Command("list", "List the clubs this regional hub accepts") { Data };
        list.SetAction(p => List(Folder(p)));
        Subcommands.Add(add);
        Subcommands.Add(remove);
        Subcommands.Add(list);
    }

    static RegionalKeys Folder(ParseResult p) =>
        new(Path.Combine(p.GetValue(Data)?.FullName ?? Program.DefaultDataDirectory, RegionalKeys.FileName));

    static int AddClub(string club, RegionalKeys keys)
    {
        if (TelemetryNames.Problem(club, "club name") is { } problem)
        {
            Console.Error.WriteLine($"error: {problem}\neroare: „{club}” nu e un nume valid de club (1–32 de litere, cifre, „-”, „_” sau „.”).");
            return 1;
        }
        string key = keys.Add(club, DateTimeOffset.UtcNow);
        Console.WriteLine(key);
        Console.Error.WriteLine($"Club \"{club}\" added. Give it this key once (it is not kept here): roboclub serve --club {club} --forward-to https://THIS-HUB/ --forward-key {key}");
        Console.Error.WriteLine($"Clubul „{club}” a fost adăugat. Dă-i cheia aceasta o singură dată (aici nu se păstrează).");
        return 0;
    }

    static int RemoveClub(string club, RegionalKeys keys)
    {
        if (keys.Remove(club)) { Console.WriteLine($"Club \"{club}\" removed. / Clubul „{club}” a fost scos."); return 0; }
        Console.Error.WriteLine($"error: no club \"{club}\" in {keys.Path}\neroare: nu există clubul „{club}” în {keys.Path}");
        return 1;
    }

    static int List(RegionalKeys keys)
    {
        foreach (var club in keys.Clubs()) Console.WriteLine(club);
        return 0;
    }
}
