using Npgsql;

namespace RoboClub.Telemetry;

/// <summary>
/// A PostgreSQL address as a librarian or an administrator writes it on the command line:
/// <c>postgres://user:password@host:port/database</c> (also <c>postgresql://</c>; port 5432 when left
/// out; user and password may be %-encoded). Optional query: <c>?schema=name</c> puts the tables in
/// that schema instead of <c>public</c>; <c>?sslmode=require</c> (or disable, prefer, verify-full).
/// Turned into an Npgsql connection string; the password never appears in messages.
/// </summary>
public sealed class PostgresUrl
{
    public string Host { get; }
    public int Port { get; }
    public string Database { get; }
    public string? Username { get; }
    public string? Schema { get; }
    readonly string? _password;
    readonly SslMode? _sslMode;

    PostgresUrl(string host, int port, string database, string? username, string? password, string? schema, SslMode? sslMode)
    {
        Host = host;
        Port = port;
        Database = database;
        Username = username;
        _password = password;
        Schema = schema;
        _sslMode = sslMode;
    }

    /// <summary>True when <paramref name="text"/> is meant as a PostgreSQL address (it may still be malformed).</summary>
    public static bool LooksLikePostgres(string? text) =>
        text is not null && (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase));

    /// <summary>The address, or null with what is wrong in English and in Romanian.</summary>
    public static PostgresUrl? TryParse(string? text, out string? problemEn, out string? problemRo)
    {
        problemEn = problemRo = null;
        const string ExampleEn = "Write it as postgres://user:password@host:5432/database.";
        const string ExampleRo = "Scrie-o așa: postgres://utilizator:parolă@server:5432/bază.";
        if (!LooksLikePostgres(text) || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            problemEn = $"\"{Hide(text)}\" is not a PostgreSQL address. {ExampleEn}";
            problemRo = $"„{Hide(text)}” nu este o adresă PostgreSQL. {ExampleRo}";
            return null;
        }
        string database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0 || database.Contains('/'))
        {
            problemEn = $"The PostgreSQL address {Hide(text)} does not name one database after the last '/'. {ExampleEn}";
            problemRo = $"Adresa PostgreSQL {Hide(text)} nu numește o bază de date după ultimul „/”. {ExampleRo}";
            return null;
        }
        string? user = null, password = null;
        if (uri.UserInfo.Length > 0)
        {
            int colon = uri.UserInfo.IndexOf(':');
            user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0) password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }
        string? schema = null;
        SslMode? ssl = null;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=');
            string key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]), value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
            if (key == "schema" && value.Length is > 0 and <= 63 && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
                schema = value;
            else if (key == "sslmode" && Enum.TryParse<SslMode>(value.Replace("-", ""), ignoreCase: true, out var mode))
                ssl = mode;
            else
            {
                problemEn = $"The PostgreSQL address {Hide(text)} has an option \"{key}={value}\" RoboClub does not know (known: schema=lowercase_name, sslmode=disable|prefer|require|verify-full).";
                problemRo = $"Adresa PostgreSQL {Hide(text)} are o opțiune „{key}={value}” pe care RoboClub nu o cunoaște (cunoscute: schema=nume_cu_litere_mici, sslmode=disable|prefer|require|verify-full).";
                return null;
            }
        }
        return new PostgresUrl(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port, database, user, password, schema, ssl);
    }

    /// <summary>Parses or throws <see cref="ArgumentException"/> with the English message.</summary>
    public static PostgresUrl Parse(string text) =>
        TryParse(text, out string? en, out _) ?? throw new ArgumentException(en, nameof(text));

    /// <summary>The Npgsql connection string (with the password).</summary>
    public string ConnectionString
    {
        get
        {
            var b = new NpgsqlConnectionStringBuilder { Host = Host, Port = Port, Database = Database };
            if (Username is not null) b.Username = Username;
            if (_password is not null) b.Password = _password;
            if (Schema is not null) b.SearchPath = Schema;
            if (_sslMode is { } ssl) b.SslMode = ssl;
            return b.ConnectionString;
        }
    }

    /// <summary>For messages and logs: the address without the password.</summary>
    public override string ToString() =>
        $"postgres://{(Username is null ? "" : Username + "@")}{Host}:{Port}/{Database}{(Schema is null ? "" : "?schema=" + Schema)}";

    /// <summary>The text with a password (between "user:" and "@") replaced by ***: a malformed address may still hold one.</summary>
    public static string Hide(string? text)
    {
        if (text is null) return "";
        int at = text.LastIndexOf('@'), scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (at < 0 || scheme < 0 || at < scheme) return text;
        int colon = text.IndexOf(':', scheme + 3);
        return colon >= 0 && colon < at ? text[..(colon + 1)] + "***" + text[at..] : text;
    }
}
