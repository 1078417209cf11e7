using Microsoft.Data.Sqlite;
using RoboClub.Flashing.Provisioning;

namespace RoboClub.Hub.Flashing;

/// <summary>
/// The club's board inventory: one SQLite file, `{data}/inventory.db`, table `boards` (columns in
/// docs/flashing.md). A board flashed again under the same name replaces its row.
/// </summary>
public sealed class BoardInventory
{
    readonly string _connectionString;
    readonly Lock _write = new();

    public BoardInventory(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 30 }.ToString();
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=WAL;" + CreateTable("boards");
        cmd.ExecuteNonQuery();
        UpgradeKindsToKits(c);
    }

    /// <summary>The profile column holds the kit: the firmware's profile name written to roboclub.json.</summary>
    static string CreateTable(string name) => $"""
        CREATE TABLE IF NOT EXISTS {name} (
          name TEXT PRIMARY KEY,
          club TEXT NOT NULL,
          profile TEXT NOT NULL CHECK (profile IN ({string.Join(",", BoardKits.All.Select(k => $"'{k.Id()}'"))})),
          chip TEXT, mac TEXT, usb_id TEXT, usb_serial TEXT, firmware TEXT, app_hash TEXT,
          mqtt_user TEXT NOT NULL,
          mqtt_password_hash TEXT NOT NULL,
          provisioned_at_ms INTEGER NOT NULL,
          first_online_ms INTEGER
        );
        """;

    /// <summary>
    /// Inventories written before kits recorded only 'robot' or 'weather' (and a CHECK allowing only those):
    /// the table is rebuilt with the kit column, old rows getting the default kit of their kind.
    /// </summary>
    static void UpgradeKindsToKits(SqliteConnection c)
    {
        using var read = c.CreateCommand();
        read.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'boards'";
        if (read.ExecuteScalar() is not string sql || !sql.Contains("('robot','weather')", StringComparison.Ordinal)) return;
        using var tx = c.BeginTransaction();
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"""
            DROP TABLE IF EXISTS boards_kits;
            {CreateTable("boards_kits")}
            INSERT INTO boards_kits SELECT name, club,
              CASE profile WHEN 'weather' THEN '{BoardKits.Default(BoardKind.Weather).Id()}' ELSE '{BoardKits.Default(BoardKind.Robot).Id()}' END,
              chip, mac, usb_id, usb_serial, firmware, app_hash, mqtt_user, mqtt_password_hash, provisioned_at_ms, first_online_ms FROM boards;
            DROP TABLE boards;
            ALTER TABLE boards_kits RENAME TO boards;
            """;
        cmd.ExecuteNonQuery();
        tx.Commit();
    }

    SqliteConnection Open()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        return c;
    }

    public void Save(InventoryBoard b)
    {
        lock (_write)
        {
            using var c = Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                INSERT OR REPLACE INTO boards (name, club, profile, chip, mac, usb_id, usb_serial, firmware, app_hash, mqtt_user, mqtt_password_hash, provisioned_at_ms, first_online_ms)
                VALUES ($name, $club, $profile, $chip, $mac, $usbId, $usbSerial, $firmware, $appHash, $user, $hash, $at, $online)
                """;
            cmd.Parameters.AddWithValue("$name", b.Name);
            cmd.Parameters.AddWithValue("$club", b.Club);
            cmd.Parameters.AddWithValue("$profile", b.Profile);
            cmd.Parameters.AddWithValue("$chip", (object?)b.Chip ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$mac", (object?)b.Mac ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$usbId", (object?)b.UsbId ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$usbSerial", (object?)b.UsbSerial ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$firmware", (object?)b.Firmware ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$appHash", (object?)b.AppHash ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$user", b.MqttUser);
            cmd.Parameters.AddWithValue("$hash", b.MqttPasswordHash);
            cmd.Parameters.AddWithValue("$at", b.ProvisionedAt.ToUnixTimeMilliseconds());
            cmd.Parameters.AddWithValue("$online", b.FirstOnline is { } o ? o.ToUnixTimeMilliseconds() : DBNull.Value);
            cmd.ExecuteNonQuery();
        }
    }

    public void MarkOnline(string name, DateTimeOffset when)
    {
        lock (_write)
        {
            using var c = Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE boards SET first_online_ms = $at WHERE name = $name AND first_online_ms IS NULL";
            cmd.Parameters.AddWithValue("$name", name);
            cmd.Parameters.AddWithValue("$at", when.ToUnixTimeMilliseconds());
            cmd.ExecuteNonQuery();
        }
    }

    public IReadOnlyList<InventoryBoard> All()
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT name, club, profile, chip, mac, usb_id, usb_serial, firmware, app_hash, mqtt_user, mqtt_password_hash, provisioned_at_ms, first_online_ms FROM boards ORDER BY name";
        using var r = cmd.ExecuteReader();
        var list = new List<InventoryBoard>();
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        while (r.Read())
            list.Add(new InventoryBoard
            {
                Name = r.GetString(0), Club = r.GetString(1), Profile = r.GetString(2), Chip = S(3), Mac = S(4), UsbId = S(5), UsbSerial = S(6),
                Firmware = S(7), AppHash = S(8), MqttUser = r.GetString(9), MqttPasswordHash = r.GetString(10),
                ProvisionedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(11)),
                FirstOnline = r.IsDBNull(12) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(12)),
            });
        return list;
    }

    public InventoryBoard? Find(string name) => All().FirstOrDefault(b => b.Name == name);
}
