namespace RoboClub.Hub.Boards;

/// <summary>A message for the page in both languages.</summary>
public sealed record HubMessage(string En, string Ro)
{
    public string In(string? language) => language == "ro" ? Ro : En;
}

/// <summary>The hub's own messages to children and librarians, in English and Romanian.</summary>
public static class HubText
{
    public static HubMessage UnknownBoard(string board) =>
        new($"There is no board called '{board}'. Pick one from the list.", $"Nu există nicio plăcuță numită „{board}”. Alege una din listă.");

    public static HubMessage MissingParts(string board, IReadOnlyList<string> primitives) =>
        new($"Board '{board}' does not have what this program uses: {string.Join(", ", primitives)}. Is it the right board (robot or weather station)?",
            $"Plăcuța „{board}” nu are ce folosește programul: {string.Join(", ", primitives)}. Este plăcuța potrivită (robot sau stație meteo)?");

    public static HubMessage WillRunWhenOnline(string board) =>
        new($"Board '{board}' is offline. The program will start when it comes back.", $"Plăcuța „{board}” nu este conectată. Programul va porni când revine.");

    public static HubMessage NoAnswer(string board) =>
        new($"Board '{board}' did not answer. Is it switched on and connected to the Wi-Fi?", $"Plăcuța „{board}” nu a răspuns. Este pornită și conectată la Wi-Fi?");

    public static HubMessage BoardSaid(string board, string reason) =>
        new($"Board '{board}' did not take the program: {reason}", $"Plăcuța „{board}” nu a primit programul: {reason}");

    public static HubMessage Offline(string board) =>
        new($"Board '{board}' is offline.", $"Plăcuța „{board}” nu este conectată.");
}
