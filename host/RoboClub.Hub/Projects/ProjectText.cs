using RoboClub.Hub.Boards;

namespace RoboClub.Hub.Projects;

/// <summary>Messages about children and projects, in English and Romanian.</summary>
public static class ProjectText
{
    public static readonly HubMessage BadChildName = new(
        $"A name has 1 to {ChildNames.MaxLength} letters, digits, spaces or hyphens (-).",
        $"Numele are între 1 și {ChildNames.MaxLength} de litere, cifre, spații sau cratime (-).");

    public static HubMessage BadColour => new(
        "Pick one of the colours: " + string.Join(", ", ChildColours.All.Select(c => c.Key)) + ".",
        "Alege una dintre culori: " + string.Join(", ", ChildColours.All.Select(c => c.Ro)) + ".");

    public static HubMessage ChildTaken(string name, ChildColour colour) => new(
        $"There is already a {name} with the colour {colour.En}. Pick another colour.",
        $"Există deja un copil {name} cu culoarea {colour.Ro}. Alege altă culoare.");

    public static HubMessage UnknownChild(string id) => new(
        $"There is no child with the number {id}.", $"Nu există niciun copil cu numărul {id}.");

    public static HubMessage UnknownProject(string id) => new(
        $"There is no project with the number {id}.", $"Nu există niciun proiect cu numărul {id}.");

    public static HubMessage UnknownVersion(string n) => new(
        $"This project has no version {n}.", $"Proiectul acesta nu are versiunea {n}.");

    public static HubMessage InBin(string name) => new(
        $"The project '{name}' was deleted. The librarian can bring it back.",
        $"Proiectul „{name}” a fost șters. Bibliotecarul îl poate readuce.");

    public static readonly HubMessage BadProjectName = new(
        $"A project name has 1 to {ProjectLimits.MaxProjectNameLength} characters.",
        $"Numele proiectului are între 1 și {ProjectLimits.MaxProjectNameLength} de caractere.");

    public static readonly HubMessage BadBoardKind = new(
        "The board kind must be 'robot' or 'weather'.", "Tipul plăcuței trebuie să fie „robot” sau „weather” (stație meteo).");

    public static readonly HubMessage BadMode = new(
        "The mode must be 'blocks' or 'csharp'.", "Modul trebuie să fie „blocks” (blocuri) sau „csharp”.");

    public static readonly HubMessage WorkspaceNotJson = new(
        "The blocks could not be read (the workspace is not valid JSON). Nothing was changed.",
        "Blocurile nu au putut fi citite (spațiul de lucru nu este JSON valid). Nu s-a schimbat nimic.");

    public static readonly HubMessage WorkspaceTooLarge = new(
        $"The blocks take more than {ProjectLimits.MaxWorkspaceBytes / 1024 / 1024} MB. Split the project in two.",
        $"Blocurile ocupă mai mult de {ProjectLimits.MaxWorkspaceBytes / 1024 / 1024} MB. Împarte proiectul în două.");

    public static readonly HubMessage SourceTooLarge = new(
        $"The program is longer than {ProjectLimits.MaxSourceChars:N0} characters.",
        $"Programul are mai mult de {ProjectLimits.MaxSourceChars:N0} de caractere.");

    public static readonly HubMessage BodyTooLarge = new(
        $"What was sent is larger than {ProjectLimits.MaxBodyBytes / 1024 / 1024} MB.",
        $"Ce s-a trimis depășește {ProjectLimits.MaxBodyBytes / 1024 / 1024} MB.");

    public static readonly HubMessage BodyNotJson = new(
        "The request is not valid JSON.", "Cererea nu este JSON valid.");

    public static readonly HubMessage BadRevision = new(
        "baseRevision must be a whole number.", "baseRevision trebuie să fie un număr întreg.");

    public static HubMessage WrongField(string field, string expected) => new(
        $"'{field}' must be {expected}.", $"„{field}” trebuie să fie {Ro(expected)}.");

    static string Ro(string expected) => expected switch
    {
        "text" => "text",
        "JSON text or an object" => "text JSON sau un obiect",
        "a whole number" => "un număr întreg",
        "an object" => "un obiect",
        _ => expected,
    };

    // Import files: each message says what is wrong with the file, and that nothing was changed.
    public static readonly HubMessage FileNotJson = new(
        "This file is not a RoboClub project (it is not JSON). Nothing was imported.",
        "Fișierul nu este un proiect RoboClub (nu este JSON). Nu s-a importat nimic.");

    public static readonly HubMessage FileNotProject = new(
        "This file is not a RoboClub project (\"format\" is not \"roboclub-project\"). Nothing was imported.",
        "Fișierul nu este un proiect RoboClub („format” nu este „roboclub-project”). Nu s-a importat nimic.");

    public static HubMessage FileNewer(long version) => new(
        $"This project file has format version {version}, made by a newer RoboClub. Update the hub to open it.",
        $"Fișierul are versiunea de format {version}, făcută de un RoboClub mai nou. Actualizează hubul ca să-l deschizi.");

    public static readonly HubMessage FileBadVersion = new(
        "This project file has no valid \"formatVersion\". Nothing was imported.",
        "Fișierul de proiect nu are un „formatVersion” valid. Nu s-a importat nimic.");

    public static HubMessage FileBad(HubMessage reason) => new(
        "This project file cannot be imported: " + reason.En, "Fișierul de proiect nu poate fi importat: " + reason.Ro);

    public static readonly HubMessage NoFile = new(
        "No project file was sent.", "Nu s-a trimis niciun fișier de proiect.");
}
