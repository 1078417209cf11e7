using System.Collections;
using RoboClub.Board.Link;
using RoboClub.Firmware.Profiles;

namespace RoboClub.Firmware
{
    /// <summary>
    /// The board's own configuration: the file <c>I:\roboclub.json</c> written when the board is flashed,
    /// and the same object as the member "device" of the hub's config message (docs/boards.md,
    /// docs/protocol.md). Read strictly: an unknown member, a wrong type or an impossible value is refused
    /// with a bilingual message, so a typo never half-configures a board.
    /// </summary>
    public sealed class DeviceConfig
    {
        public const int DefaultHubPort = 1883;
        public const int MaxHostLength = 253;
        public const int MaxCredentialLength = 64;

        private static readonly string[] Members = new string[]
        {
            "board", "club", "hubHost", "hubPort", "mqttUser", "mqttPassword", "profile", "wifiSsid", "wifiPassword", "pins",
        };

        /// <summary>The board's name, e.g. "robot-3" (MQTT client id and topic level).</summary>
        public string Board;
        public string Club;
        /// <summary>The hub PC's address on the library network: an IP address or a host name.</summary>
        public string HubHost;
        public int HubPort = DefaultHubPort;
        /// <summary>Empty when the hub's broker takes boards without a password.</summary>
        public string MqttUser = string.Empty;
        public string MqttPassword = string.Empty;
        /// <summary>A built-in profile name (<see cref="BoardProfiles.Names"/>).</summary>
        public string Profile;
        /// <summary>Empty: use the Wi-Fi stored in the board by <c>nanoff --networkdeployment</c>.</summary>
        public string WifiSsid = string.Empty;
        public string WifiPassword = string.Empty;
        /// <summary>Pin overrides, role name to pin number (string to int, boxed); empty for the kit's wiring.</summary>
        public Hashtable Pins = new Hashtable();

        /// <summary>Reads and checks a configuration (the text of roboclub.json).</summary>
        public static DeviceConfig Parse(string json)
        {
            JsonNode node;
            try
            {
                node = JsonReader.Parse(json);
            }
            catch (JsonException e)
            {
                throw new ConfigException(Say.Both("the configuration is not valid JSON (" + e.Message + ")",
                    "configurația nu este JSON valid (" + e.Message + ")"));
            }

            return FromJson(node);
        }

        /// <summary>Reads and checks a configuration object (roboclub.json, or "device" of the config message).</summary>
        public static DeviceConfig FromJson(JsonNode o)
        {
            if (o == null || o.Kind != JsonKind.Object)
            {
                throw new ConfigException(Say.Both("the configuration must be a JSON object", "configurația trebuie să fie un obiect JSON"));
            }

            for (int i = 0; i < o.Count; i++)
            {
                string name = o.NameAt(i);
                bool known = false;
                for (int m = 0; m < Members.Length; m++)
                {
                    if (Members[m] == name) known = true;
                }

                if (!known)
                {
                    throw new ConfigException(Say.Both("unknown field \"" + Say.Short(name) + "\"", "câmp necunoscut \"" + Say.Short(name) + "\""));
                }
            }

            DeviceConfig c = new DeviceConfig();
            c.Board = Text(o, "board", true, 32);
            c.Club = Text(o, "club", true, 32);
            c.HubHost = Text(o, "hubHost", true, MaxHostLength);
            c.HubPort = Whole(o, "hubPort", 1, 65535, DefaultHubPort);
            c.MqttUser = Text(o, "mqttUser", false, MaxCredentialLength);
            c.MqttPassword = Text(o, "mqttPassword", false, MaxCredentialLength);
            c.Profile = Text(o, "profile", true, 32);
            c.WifiSsid = Text(o, "wifiSsid", false, 32);
            c.WifiPassword = Text(o, "wifiPassword", false, 63);

            JsonNode pins = o.Get("pins");
            if (pins != null)
            {
                if (pins.Kind != JsonKind.Object)
                {
                    throw new ConfigException(Say.Both("\"pins\" must be an object like {\"buzzer\":23}", "\"pins\" trebuie să fie un obiect ca {\"buzzer\":23}"));
                }

                for (int i = 0; i < pins.Count; i++)
                {
                    c.Pins[pins.NameAt(i)] = Whole(pins, pins.NameAt(i), -1, 39, -1);
                }
            }

            c.Check();
            return c;
        }

        /// <summary>The checks beyond the types: names, host, Wi-Fi password length, profile and wiring.</summary>
        public void Check()
        {
            string bad = Topics.CheckBoardName(Board);
            if (bad == null) bad = Topics.CheckName(Club, "club");
            if (bad != null)
            {
                throw new ConfigException(Say.Both(bad, "numele plăcii sau al clubului poate avea doar litere mici a-z, cifre și '-', cel mult 32"));
            }

            for (int i = 0; i < HubHost.Length; i++)
            {
                char ch = HubHost[i];
                bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '-';
                if (!ok || HubHost.Length == 0)
                {
                    throw new ConfigException(Say.Both(
                        "\"hubHost\" must be the hub PC's address, like 192.168.1.20 or hub.local",
                        "\"hubHost\" trebuie să fie adresa calculatorului hub, de exemplu 192.168.1.20 sau hub.local"));
                }
            }

            if (WifiPassword.Length > 0 && WifiPassword.Length < 8)
            {
                throw new ConfigException(Say.Both("\"wifiPassword\" must have 8 to 63 characters (or be empty for an open network)",
                    "\"wifiPassword\" trebuie să aibă între 8 și 63 de caractere (sau să fie gol pentru o rețea deschisă)"));
            }

            if (WifiPassword.Length > 0 && WifiSsid.Length == 0)
            {
                throw new ConfigException(Say.Both("\"wifiPassword\" is given without \"wifiSsid\"", "\"wifiPassword\" este dat fără \"wifiSsid\""));
            }

            BoardProfile profile = ResolveProfile();
            string[] problems = ProfileCheck.Problems(profile);
            if (problems.Length > 0)
            {
                throw new ConfigException(problems[0]);
            }
        }

        /// <summary>The built-in profile with this config's pin overrides applied (not checked).</summary>
        public BoardProfile ResolveProfile()
        {
            BoardProfile profile = BoardProfiles.Find(Profile);
            if (profile == null)
            {
                string names = string.Empty;
                for (int i = 0; i < BoardProfiles.Names.Length; i++) names += (i == 0 ? "" : ", ") + BoardProfiles.Names[i];
                throw new ConfigException(Say.Both("unknown profile \"" + Say.Short(Profile) + "\" (known: " + names + ")",
                    "profil necunoscut \"" + Say.Short(Profile) + "\" (cunoscute: " + names + ")"));
            }

            foreach (DictionaryEntry e in Pins)
            {
                PinAssignment a = profile.Find((string)e.Key);
                if (a == null)
                {
                    throw new ConfigException(Say.Both(
                        "the " + Profile + " kit has no wire called \"" + Say.Short((string)e.Key) + "\" (see docs/boards.md)",
                        "trusa " + Profile + " nu are niciun fir numit \"" + Say.Short((string)e.Key) + "\" (vezi docs/boards.md)"));
                }

                a.Pin = (int)e.Value;
            }

            return profile;
        }

        /// <summary>The JSON of this configuration (what is written to roboclub.json). Members in a fixed order.</summary>
        public string ToJson()
        {
            JsonWriter w = new JsonWriter(256);
            w.BeginObject()
             .Property("board", Board)
             .Property("club", Club)
             .Property("hubHost", HubHost)
             .Property("hubPort", (long)HubPort)
             .Property("mqttUser", MqttUser)
             .Property("mqttPassword", MqttPassword)
             .Property("profile", Profile);
            if (WifiSsid.Length > 0)
            {
                w.Property("wifiSsid", WifiSsid).Property("wifiPassword", WifiPassword);
            }

            if (Pins.Count > 0)
            {
                w.Name("pins").BeginObject();
                string[] roles = SortedRoles();
                for (int i = 0; i < roles.Length; i++) w.Property(roles[i], (long)(int)Pins[roles[i]]);
                w.EndObject();
            }

            w.EndObject();
            return w.ToString();
        }

        /// <summary>True when both describe the same board (field by field, pins regardless of order).</summary>
        public bool SameAs(DeviceConfig other)
        {
            if (other == null) return false;
            if (Board != other.Board || Club != other.Club || HubHost != other.HubHost || HubPort != other.HubPort) return false;
            if (MqttUser != other.MqttUser || MqttPassword != other.MqttPassword || Profile != other.Profile) return false;
            if (WifiSsid != other.WifiSsid || WifiPassword != other.WifiPassword) return false;
            if (Pins.Count != other.Pins.Count) return false;
            foreach (DictionaryEntry e in Pins)
            {
                if (!other.Pins.Contains(e.Key) || (int)other.Pins[e.Key] != (int)e.Value) return false;
            }

            return true;
        }

        private string[] SortedRoles()
        {
            string[] roles = new string[Pins.Count];
            int n = 0;
            foreach (DictionaryEntry e in Pins) roles[n++] = (string)e.Key;

            // Insertion sort: a handful of names, and no Array.Sort with a comparer on nanoFramework.
            for (int i = 1; i < n; i++)
            {
                string key = roles[i];
                int j = i - 1;
                while (j >= 0 && string.Compare(roles[j], key) > 0)
                {
                    roles[j + 1] = roles[j];
                    j--;
                }

                roles[j + 1] = key;
            }

            return roles;
        }

        private static string Text(JsonNode o, string name, bool required, int maxLength)
        {
            JsonNode n = o.Get(name);
            if (n == null)
            {
                if (required)
                {
                    throw new ConfigException(Say.Both("missing field \"" + name + "\"", "lipsește câmpul \"" + name + "\""));
                }

                return string.Empty;
            }

            if (n.Kind != JsonKind.String)
            {
                throw new ConfigException(Say.Both("\"" + name + "\" must be text in quotes", "\"" + name + "\" trebuie să fie un text între ghilimele"));
            }

            if (n.Text.Length > maxLength || (required && n.Text.Length == 0))
            {
                throw new ConfigException(Say.Both(
                    "\"" + name + "\" must have 1 to " + maxLength.ToString() + " characters",
                    "\"" + name + "\" trebuie să aibă între 1 și " + maxLength.ToString() + " caractere"));
            }

            return n.Text;
        }

        private static int Whole(JsonNode o, string name, int min, int max, int absent)
        {
            JsonNode n = o.Get(name);
            if (n == null) return absent;
            if (n.Kind != JsonKind.Number || !n.IsInteger || n.Integer < min || n.Integer > max)
            {
                throw new ConfigException(Say.Both(
                    "\"" + name + "\" must be a whole number from " + min.ToString() + " to " + max.ToString(),
                    "\"" + name + "\" trebuie să fie un număr întreg între " + min.ToString() + " și " + max.ToString()));
            }

            return (int)n.Integer;
        }
    }
}
