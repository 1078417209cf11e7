using System.CommandLine;

namespace RoboClub.Hub.Security;

/// <summary>
/// `roboclub librarian-password [--data DIR]`: sets or replaces the librarian's password from the
/// hub computer's terminal — the way back in when it is forgotten (whoever can use that terminal can
/// read the data folder anyway). Asked twice, not shown; or one line from standard input.
/// </summary>
internal sealed class LibrarianPasswordCommand : Command
{
    readonly Option<DirectoryInfo?> _data = new("--data") { Description = "Data folder (default: RoboClub in the user's local app-data folder)" };

    public LibrarianPasswordCommand() : base("librarian-password", "Set or replace the librarian's password (for the hub's admin pages)")
    {
        Options.Add(_data);
        SetAction(parseResult => Execute(parseResult.GetValue(_data)?.FullName ?? Program.DefaultDataDirectory, ReadTwice, Console.Out, Console.Error));
    }

    internal static int Execute(string dataDirectory, Func<string?> readPassword, TextWriter output, TextWriter error)
    {
        string? password = readPassword();
        if (password is null)
        {
            error.WriteLine("error: the two passwords differ, or none was given / eroare: parolele diferă sau lipsesc");
            return 1;
        }
        if (LibrarianPassword.Problem(password) is { } problem)
        {
            error.WriteLine($"error: {problem.En} / eroare: {problem.Ro}");
            return 1;
        }
        string path = LibrarianPassword.PathIn(dataDirectory);
        LibrarianPassword.Write(path, SecretHash.Hash(password, LibrarianPassword.DefaultIterations));
        // Old librarian sign-ins end (a running hub forgets them when it restarts).
        new SecurityStore(Path.Combine(dataDirectory, "security.db")).RemoveSessions("librarian", null);
        output.WriteLine($"The librarian password is set ({path}). A hub that is running now keeps earlier librarian sign-ins until it restarts.");
        output.WriteLine("Parola bibliotecarului a fost salvată. Un hub pornit acum păstrează vechile intrări ale bibliotecarului până repornește.");
        return 0;
    }

    static string? ReadTwice()
    {
        if (Console.IsInputRedirected) return Console.In.ReadLine();
        string first = PasswdCommand.ReadHidden("New librarian password / Parola nouă: ");
        string second = PasswdCommand.ReadHidden("Again / Încă o dată: ");
        return first == second ? first : null;
    }
}
