using Npgsql;

namespace RoboClub.Telemetry.Tests;

public sealed class PostgresUrlTests
{
    [Fact]
    public void A_full_url_becomes_a_connection_string()
    {
        var url = PostgresUrl.Parse("postgres://hub%40arad:p%40ss:w@db.example.org:6543/roboclub?schema=arad_2&sslmode=require");
        var b = new NpgsqlConnectionStringBuilder(url.ConnectionString);
        Assert.Equal(("db.example.org", 6543, "roboclub", "hub@arad", "p@ss:w", "arad_2", SslMode.Require), (b.Host, b.Port, b.Database, b.Username, b.Password, b.SearchPath, b.SslMode));
        Assert.DoesNotContain("p@ss", url.ToString());
    }

    [Fact]
    public void The_port_defaults_to_5432_and_user_and_password_may_be_left_out()
    {
        var b = new NpgsqlConnectionStringBuilder(PostgresUrl.Parse("postgresql://localhost/telemetry").ConnectionString);
        Assert.Equal(("localhost", 5432, "telemetry", null), (b.Host, b.Port, b.Database, b.Username));
    }

    [Theory]
    [InlineData("mysql://u:secret@host/db", "not a PostgreSQL address")]
    [InlineData("postgres://u:secret@host:5432/", "does not name one database")]
    [InlineData("postgres://u:secret@host:5432", "does not name one database")]
    [InlineData("postgres://u:secret@host/db?color=blue", "does not know")]
    [InlineData("postgres://u:secret@host/db?schema=Bad-Name", "does not know")]
    [InlineData("postgres://u:secret@:5432/db", "not a PostgreSQL address")]
    public void Bad_urls_are_explained_in_English_and_Romanian_without_the_password(string text, string english)
    {
        Assert.Null(PostgresUrl.TryParse(text, out string? en, out string? ro));
        Assert.Contains(english, en);
        Assert.Contains("PostgreSQL", ro);
        Assert.True(ro!.IndexOfAny("ăâîșț„”".ToCharArray()) >= 0, ro);
        Assert.DoesNotContain("secret", en);
        Assert.DoesNotContain("secret", ro);
        Assert.Throws<ArgumentException>(() => PostgresUrl.Parse(text));
    }
}
