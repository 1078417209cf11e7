using RoboClub.Hub.Boards;

namespace RoboClub.Hub.Security;

/// <summary>Every message of the librarian's sign-in, the children's secret codes and board sharing, in English and Romanian.</summary>
public static class SecurityText
{
    public static readonly HubMessage LibrarianOnly = new(
        "Only the librarian can do this. Sign in as the librarian first.",
        "Doar bibliotecarul poate face asta. Intră mai întâi ca bibliotecar.");
    public static readonly HubMessage NoPasswordYet = new(
        "The librarian password is not set yet. Set it on the computer where the hub runs.",
        "Parola bibliotecarului nu e încă aleasă. Alege-o pe calculatorul pe care rulează hubul.");
    public static readonly HubMessage SetUpOnHubComputer = new(
        "The librarian password can be set for the first time only on the computer where the hub runs.",
        "Parola bibliotecarului poate fi aleasă prima dată doar pe calculatorul pe care rulează hubul.");
    public static readonly HubMessage AlreadySet = new(
        "The librarian password is already set. Sign in, then change it.",
        "Parola bibliotecarului e deja aleasă. Intră, apoi o poți schimba.");
    public static readonly HubMessage WrongPassword = new("Wrong password.", "Parolă greșită.");
    public static HubMessage TooShort(int min) => new(
        $"The password must have at least {min} characters.",
        $"Parola trebuie să aibă cel puțin {min} caractere.");
    public static HubMessage TooLong(int max) => new(
        $"The password can have at most {max} characters.",
        $"Parola poate avea cel mult {max} caractere.");
    public static HubMessage LockedOut(int seconds) => new(
        $"Too many wrong tries. Wait {seconds} seconds and try again.",
        $"Prea multe încercări greșite. Așteaptă {seconds} secunde și încearcă din nou.");

    public static readonly HubMessage ChooseYourName = new(
        "Choose your name first.",
        "Alege-ți mai întâi numele.");
    public static readonly HubMessage NotYourProject = new(
        "This project belongs to another child. Open one of your own projects.",
        "Proiectul acesta este al altui copil. Deschide unul dintre proiectele tale.");
    public static readonly HubMessage NotYou = new(
        "You can only change your own name and see your own work.",
        "Poți schimba doar numele tău și poți vedea doar munca ta.");
    public static readonly HubMessage CodeFormat = new(
        "Your secret code is 4 digits, for example 2580.",
        "Codul tău secret are 4 cifre, de exemplu 2580.");
    public static readonly HubMessage WrongCode = new(
        "That is not your secret code. Try again, or ask the librarian to clear it.",
        "Acesta nu e codul tău secret. Mai încearcă, sau roagă bibliotecarul să-l șteargă.");

    public static HubMessage BoardInUse(string board, string child) => new(
        $"{board} is being used by {child}. Pick another board, or ask the librarian.",
        $"{board} este folosită acum de {child}. Alege altă plăcuță sau roagă bibliotecarul.");
    public static readonly HubMessage EmergencyStopped = new(
        "STOP ALL was pressed: programs can run again when the librarian allows it.",
        "S-a apăsat OPREȘTE TOT: programele pot porni din nou când bibliotecarul permite.");
}
