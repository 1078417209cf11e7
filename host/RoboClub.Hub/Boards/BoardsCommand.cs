using System.CommandLine;
using RoboClub.Flashing.Provisioning;
using RoboClub.Hub.Flashing;

namespace RoboClub.Hub.Boards;

/// <summary>
/// `roboclub boards`: the boards' MQTT logins in the inventory (`{data}/inventory.db`).
/// `add-login NAME` gives a board made by hand (or flashed before logins) a login and prints its
/// password once; `mosquitto-passwd` writes the logins as a mosquitto password file, for a club that
/// runs the hub with an external mosquitto (`--broker`, docs/scaling.md).
/// </summary>
internal sealed class BoardsCommand : Command
{
    public BoardsCommand() : base("boards", "The boards' MQTT logins (user = board name) in the inventory")
    {
        Subcommands.Add(new AddLogin());
        Subcommands.Add(new MosquittoPasswd());
    }

    static Option<DirectoryInfo?> DataOption() => new("--data") { Description = "The hub's data folder (default: RoboClub in the user's local app-data folder)" };

    static BoardInventory Inventory(ParseResult p, Option<DirectoryInfo?> data) =>
        new(Path.Combine(p.GetValue(data)?.FullName ?? Program.DefaultDataDirectory, "inventory.db"));

    sealed class AddLogin : Command
    {
        readonly Argument<string> _name = new("name") { Description = "The board's name, as in its roboclub.json (lowercase letters, digits, '-')" };
        readonly Option<DirectoryInfo?> _data = DataOption();
        readonly Option<string> _club = new("--club") { Description = "The club (the hub's --club), for a board not yet in the inventory", DefaultValueFactory = _ => "club1" };
        readonly Option<string> _kit = new("--kit") { Description = "The board's kit, for a board not yet in the inventory: robot-tb6612, robot-l298n, weather-bme280 or weather-dht22", DefaultValueFactory = _ => BoardKit.RobotTb6612.Id() };

        public AddLogin() : base("add-login", "Give a board a new MQTT login and print its password once (the inventory keeps only a hash); an old password stops working")
        {
            Arguments.Add(_name);
            Options.Add(_data);
            Options.Add(_club);
            Options.Add(_kit);
            _kit.AcceptOnlyFromAmong([.. BoardKits.All.Select(k => k.Id())]);
            SetAction(p =>
            {
                string name = p.GetValue(_name)!;
                if (!BoardLogins.IsValidBoardName(name))
                {
                    Console.Error.WriteLine($"error: '{name}' cannot be a board's login: use lowercase letters, digits and '-' (at most 32), not {string.Join(", ", BoardAcl.ReservedNames)}, not starting with roboclub-.");
                    Console.Error.WriteLine($"eroare: „{name}” nu poate fi numele de login al unei plăcuțe: folosește litere mici, cifre și „-” (cel mult 32), nu {string.Join(", ", BoardAcl.ReservedNames)}, fără „roboclub-” la început.");
                    return 1;
                }
                var inventory = Inventory(p, _data);
                string password = BoardCredentials.NewPassword();
                string hash = BoardPasswordHash.Hash(password);
                var board = inventory.Find(name) is { } known
                    ? known with { MqttUser = name, MqttPasswordHash = hash }
                    : new InventoryBoard { Name = name, Club = p.GetValue(_club)!, Profile = p.GetValue(_kit)!, MqttUser = name, MqttPasswordHash = hash, ProvisionedAt = DateTimeOffset.UtcNow };
                inventory.Save(board);
                Console.Out.WriteLine($"{name}: new MQTT login / login MQTT nou");
                Console.Out.WriteLine($"  user / utilizator: {name}");
                Console.Out.WriteLine($"  password / parolă: {password}");
                Console.Out.WriteLine($"  client id: {name} or/sau roboclub-{board.Club}-{name}");
                Console.Out.WriteLine("Shown only this once: the hub keeps only a hash. Write it into the board's roboclub.json (mqttUser, mqttPassword).");
                Console.Out.WriteLine("Afișată doar acum: hubul păstrează doar un hash. Scrie-o în roboclub.json al plăcuței (mqttUser, mqttPassword).");
                return 0;
            });
        }
    }

    sealed class MosquittoPasswd : Command
    {
        readonly Option<DirectoryInfo?> _data = DataOption();
        readonly Option<FileInfo?> _output = new("--output", "-o") { Description = "Write the password file here (default: print it)" };

        public MosquittoPasswd() : base("mosquitto-passwd", "Print the inventory's board logins as a mosquitto password file (password_file)")
        {
            Options.Add(_data);
            Options.Add(_output);
            SetAction(p =>
            {
                var lines = new List<string>();
                foreach (var b in Inventory(p, _data).All())
                {
                    if (BoardPasswordHash.IsMosquittoFormat(b.MqttPasswordHash)) lines.Add($"{b.MqttUser}:{b.MqttPasswordHash}");
                    else
                    {
                        // The broker's older pbkdf2-sha256 hashes cannot be turned into mosquitto's, and the password is not kept.
                        Console.Error.WriteLine($"skipped {b.Name}: its login predates mosquitto-format hashes; give it a new one with `roboclub boards add-login {b.Name}`.");
                        Console.Error.WriteLine($"sărită {b.Name}: loginul ei e mai vechi decât hash-urile în formatul mosquitto; dă-i unul nou cu `roboclub boards add-login {b.Name}`.");
                    }
                }
                string text = string.Concat(lines.Select(l => l + "\n"));
                if (p.GetValue(_output) is { } file)
                {
                    File.WriteAllText(file.FullName, text);
                    Console.Error.WriteLine($"{lines.Count} logins written to {file.FullName}");
                }
                else Console.Out.Write(text);
                return 0;
            });
        }
    }
}
