using System.CommandLine;
using System.Text;
using RoboClub.Mqtt.Broker;

namespace RoboClub.Hub;

/// <summary>`roboclub broker passwd FILE USER [PASSWORD]`: adds or changes a `user` line with a fresh
/// PBKDF2 hash in a broker config file, like mosquitto_passwd. `--delete` removes the user.</summary>
internal sealed class PasswdCommand : Command
{
    readonly Argument<FileInfo> _file = new("FILE")
    {
        Description = "The broker config file (created when missing)",
    };
    readonly Argument<string> _user = new("USER")
    {
        Description = "User name (no spaces, '/', '+' or '#')",
    };
    readonly Argument<string?> _password = new("PASSWORD")
    {
        Description = "The new password; when left out it is asked for (typed twice, not shown), or read from the first line of standard input when that is not a terminal. A password on the command line can be seen by other users of the computer.",
        Arity = ArgumentArity.ZeroOrOne,
    };
    readonly Option<bool> _delete = new("--delete", "-D")
    {
        Description = "Remove the user instead (its user_topic rules must be removed first)",
    };

    public PasswdCommand() : base("passwd", "Add a user to a broker config file or change its password (like mosquitto_passwd)")
    {
        Arguments.Add(_file);
        Arguments.Add(_user);
        Arguments.Add(_password);
        Options.Add(_delete);
        SetAction(parseResult => Execute(
            parseResult.GetValue(_file)!.FullName,
            parseResult.GetValue(_user)!,
            parseResult.GetValue(_password),
            parseResult.GetValue(_delete),
            ReadPasswordFromConsole,
            Console.Out,
            Console.Error));
    }

    /// <summary>Does the work; <paramref name="readPassword"/> is asked when no password is given (null: none available).</summary>
    internal static int Execute(string path, string user, string? password, bool delete, Func<string?> readPassword, TextWriter output, TextWriter error)
    {
        if (!MqttBrokerConfigFile.IsValidUserName(user))
        {
            error.WriteLine($"error: user name '{user}' may not be empty or contain spaces, control characters, '/', '+' or '#'");
            return 1;
        }
        string text;
        try
        {
            text = File.Exists(path) ? File.ReadAllText(path) : "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: cannot read {path}: {e.Message}");
            return 1;
        }

        string newText;
        if (delete)
        {
            if (password is not null)
            {
                error.WriteLine("error: --delete takes no password");
                return 1;
            }
            if (!TryRemoveUser(text, user, out newText))
            {
                error.WriteLine($"error: {path} has no user '{user}'");
                return 1;
            }
        }
        else
        {
            password ??= readPassword();
            if (string.IsNullOrEmpty(password))
            {
                error.WriteLine("error: no password given");
                return 1;
            }
            newText = SetUser(text, user, PasswordHasher.Hash(password).ToString());
        }

        // Never write a file the broker would refuse.
        if (MqttBrokerConfigFile.Validate(newText, path) is { } problem)
        {
            error.WriteLine($"error: {path} is not changed, because the result would not be valid: {problem}");
            return 1;
        }
        try
        {
            WriteAtomically(path, newText);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: cannot write {path}: {e.Message}");
            return 1;
        }
        output.WriteLine(delete ? $"Removed user '{user}' from {path}." : $"Set the password of '{user}' in {path}.");
        output.WriteLine("A running broker uses the change after `kill -HUP <pid>` or a restart.");
        return 0;
    }

    /// <summary>Replaces the `user USER ...` line, or appends one; other lines stay as they are.</summary>
    internal static string SetUser(string text, string user, string encodedHash)
    {
        string newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        string entry = $"user {user} {encodedHash}";
        var lines = SplitLines(text);
        int index = FindUserLine(lines, user);
        if (index >= 0)
        {
            lines[index] = entry;
            return string.Join(newline, lines) + (text.EndsWith('\n') ? newline : "");
        }
        var sb = new StringBuilder(text);
        if (text.Length > 0 && !text.EndsWith('\n')) sb.Append(newline);
        sb.Append(entry).Append(newline);
        return sb.ToString();
    }

    internal static bool TryRemoveUser(string text, string user, out string newText)
    {
        string newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = SplitLines(text);
        int index = FindUserLine(lines, user);
        if (index < 0)
        {
            newText = text;
            return false;
        }
        lines.RemoveAt(index);
        newText = string.Join(newline, lines) + (text.EndsWith('\n') && lines.Count > 0 ? newline : "");
        return true;
    }

    /// <summary>Lines without their terminators (a final terminator does not start an empty line).</summary>
    static List<string> SplitLines(string text)
    {
        if (text.Length == 0) return [];
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (text.EndsWith('\n')) lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    static int FindUserLine(List<string> lines, string user)
    {
        for (int i = 0; i < lines.Count; i++)
        {
            var parts = lines[i].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && parts[0] == "user" && parts[1] == user) return i;
        }
        return -1;
    }

    static void WriteAtomically(string path, string text)
    {
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        string temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            // The file holds password hashes: readable by its owner only, or as before.
            options.UnixCreateMode = File.Exists(full) ? File.GetUnixFileMode(full) : UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        try
        {
            using (var stream = new FileStream(temp, options))
            using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                writer.Write(text);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Asks twice without echo on a terminal; reads one line when standard input is redirected.</summary>
    static string? ReadPasswordFromConsole()
    {
        if (Console.IsInputRedirected) return Console.In.ReadLine();
        string first = ReadHidden("Password: ");
        string second = ReadHidden("Reenter password: ");
        if (first != second)
        {
            Console.Error.WriteLine("error: the passwords do not match");
            return null;
        }
        return first;
    }

    internal static string ReadHidden(string prompt)
    {
        Console.Error.Write(prompt);
        var sb = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace)
            {
                if (sb.Length > 0) sb.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                sb.Append(key.KeyChar);
            }
        }
        Console.Error.WriteLine();
        return sb.ToString();
    }
}
