namespace RoboClub.Compiler.Subset;

/// <summary>One kind of C# the board cannot run yet (or ever), with what a child reads in English and Romanian.</summary>
public sealed record UnsupportedConstruct(string Id, string MessageEn, string MessageRo);

/// <summary>
/// The table of RC1xxx diagnostics: C# that Roslyn accepts but this compiler slice does not turn into
/// board code. One entry per construct; the span is the construct's own span in the child's file.
/// </summary>
public static class UnsupportedConstructs
{
    public static readonly UnsupportedConstruct Classes = new("RC1001",
        "Boards can't use classes yet",
        "Plăcuța nu știe încă să folosească clase");
    public static readonly UnsupportedConstruct Structs = new("RC1002",
        "Boards can't use structs yet",
        "Plăcuța nu știe încă să folosească structuri");
    public static readonly UnsupportedConstruct Records = new("RC1003",
        "Boards can't use records yet",
        "Plăcuța nu știe încă să folosească înregistrări (record)");
    public static readonly UnsupportedConstruct Interfaces = new("RC1004",
        "Boards can't use interfaces yet",
        "Plăcuța nu știe încă să folosească interfețe");
    public static readonly UnsupportedConstruct Enums = new("RC1005",
        "Boards can't use enums yet",
        "Plăcuța nu știe încă să folosească enumerări (enum)");
    public static readonly UnsupportedConstruct Linq = new("RC1006",
        "Boards can't use LINQ queries",
        "Plăcuța nu știe să folosească interogări LINQ");
    public static readonly UnsupportedConstruct Async = new("RC1007",
        "Boards don't use async or await: use Wait(ms) to pause",
        "Plăcuța nu folosește async sau await: folosește Wait(ms) ca să faci o pauză");
    public static readonly UnsupportedConstruct Exceptions = new("RC1008",
        "Boards can't use try, catch or throw yet",
        "Plăcuța nu știe încă să folosească try, catch sau throw");
    public static readonly UnsupportedConstruct Generics = new("RC1009",
        "Boards can't use your own generic functions or types yet",
        "Plăcuța nu știe încă să folosească funcții sau tipuri generice proprii");
    public static readonly UnsupportedConstruct Arrays = new("RC1010",
        "Boards only use arrays with one dimension, like int[]: int[,] and int[][] are not supported",
        "Plăcuța folosește doar tablouri cu o singură dimensiune, ca int[]: int[,] și int[][] nu sunt acceptate");
    public static readonly UnsupportedConstruct Lists = new("RC1011",
        "Lists and arrays on a board can only hold int, double, bool or string (not lists, char or other types)",
        "Listele și tablourile de pe plăcuță pot ține doar int, double, bool sau string (nu liste, char sau alte tipuri)");
    public static readonly UnsupportedConstruct Switch = new("RC1012",
        "Boards know switch only on an int, a double or a string, with fixed values or comparisons (< 10, 1 or 2) after case, no when (and _ => ... last in a switch expression)",
        "Plăcuța știe switch doar pe un int, un double sau un string, cu valori fixe sau comparații (< 10, 1 or 2) după case, fără when (și _ => ... la sfârșit într-o expresie switch)");
    public static readonly UnsupportedConstruct Foreach = new("RC1013",
        "foreach works only over lists and arrays: for the letters of a text use a for loop",
        "foreach merge doar pe liste și tablouri: pentru literele unui text folosește o buclă for");
    public static readonly UnsupportedConstruct Lambdas = new("RC1014",
        "Lambdas (=>) can only be used inside Every, When, OnMessage and OnButton",
        "Lambda (=>) se poate folosi doar în Every, When, OnMessage și OnButton");
    public static readonly UnsupportedConstruct Goto = new("RC1015",
        "Boards can't use goto",
        "Plăcuța nu știe să folosească goto");
    public static readonly UnsupportedConstruct Unsafe = new("RC1016",
        "Boards can't use unsafe code or pointers",
        "Plăcuța nu știe să folosească cod unsafe sau pointeri");
    public static readonly UnsupportedConstruct Types = new("RC1017",
        "Boards only know the types int, double, bool and string",
        "Plăcuța cunoaște doar tipurile int, double, bool și string");
    public static readonly UnsupportedConstruct UnknownMethod = new("RC1018",
        "Boards don't know this function yet",
        "Plăcuța nu cunoaște încă această funcție");
    public static readonly UnsupportedConstruct ScriptNotAtTop = new("RC1019",
        "Every, When, OnMessage and OnButton must be written at the top of the program, not inside a function, if or loop",
        "Every, When, OnMessage și OnButton trebuie scrise direct în program, nu într-o funcție, un if sau o buclă");
    public static readonly UnsupportedConstruct EveryPeriod = new("RC1020",
        "Every needs a fixed number of milliseconds, at least 10",
        "Every are nevoie de un număr fix de milisecunde, cel puțin 10");
    public static readonly UnsupportedConstruct MessageName = new("RC1021",
        "The message name must be fixed text in quotes",
        "Numele mesajului trebuie să fie un text fix, între ghilimele");
    public static readonly UnsupportedConstruct ScriptBody = new("RC1022",
        "Write the script as () => { ... } or give the name of a function without parameters",
        "Scrie scriptul ca () => { ... } sau dă numele unei funcții fără parametri");
    public static readonly UnsupportedConstruct OtherFunctionsVariable = new("RC1023",
        "A function can't use the variables of another function: make the variable at the top of the program",
        "O funcție nu poate folosi variabilele altei funcții: declară variabila direct în program");
    public static readonly UnsupportedConstruct FormatSpecifier = new("RC1024",
        "Boards know only the number formats F, N, E, G, D and X with a number after them (like {x:F2} or ToString(\"D3\")); D and X only for int",
        "Plăcuța știe doar formatele de număr F, N, E, G, D și X urmate de un număr (ca {x:F2} sau ToString(\"D3\")); D și X doar pentru int");
    public static readonly UnsupportedConstruct Patterns = new("RC1025",
        "Boards can't use is, as or patterns yet",
        "Plăcuța nu știe încă să folosească is, as sau tipare (patterns)");
    public static readonly UnsupportedConstruct Tuples = new("RC1026",
        "Boards can't use tuples yet",
        "Plăcuța nu știe încă să folosească tupluri");
    public static readonly UnsupportedConstruct RefOut = new("RC1027",
        "Boards can't use ref, out, named or optional arguments yet",
        "Plăcuța nu știe încă să folosească ref, out, argumente cu nume sau opționale");
    public static readonly UnsupportedConstruct Null = new("RC1028",
        "Boards don't use null: give the variable a value",
        "Plăcuța nu folosește null: dă-i variabilei o valoare");
    public static readonly UnsupportedConstruct Objects = new("RC1029",
        "Boards can't make objects with new yet",
        "Plăcuța nu știe încă să creeze obiecte cu new");
    public static readonly UnsupportedConstruct Assignment = new("RC1030",
        "You can only give values to variables here",
        "Aici poți da valori doar variabilelor");
    public static readonly UnsupportedConstruct ListMethod = new("RC1031",
        "Boards know these list functions: Add, Insert, RemoveAt, Remove, Clear, Contains, IndexOf, Count (Length for arrays)",
        "Plăcuța cunoaște aceste funcții de listă: Add, Insert, RemoveAt, Remove, Clear, Contains, IndexOf, Count (Length pentru tablouri)");
    public static readonly UnsupportedConstruct IndexFromEnd = new("RC1032",
        "Boards can't use ^ or .. in a position: write the position as a number, like list[list.Count - 1]",
        "Plăcuța nu știe să folosească ^ sau .. într-o poziție: scrie poziția ca număr, de exemplu lista[lista.Count - 1]");
    public static readonly UnsupportedConstruct Other = new("RC1099",
        "Boards can't do this yet",
        "Plăcuța nu știe încă să facă asta");

    // Not about the child's C#: the program is larger than a board holds, or the compiler made a mistake.
    public static readonly UnsupportedConstruct TooDeep = new("RC1901",
        "This code has too many brackets or blocks inside each other (more than 256). Split it into simpler steps.",
        "Codul are prea multe paranteze sau blocuri unele în altele (peste 256). Împarte-l în pași mai simpli.");

    public static readonly UnsupportedConstruct Confusing = new("RC1998",
        "I got confused by this program. Look for text in quotes that is not closed, or a bracket that is missing.",
        "M-am încurcat la acest program. Caută un text între ghilimele care nu este închis sau o paranteză care lipsește.");

    public static readonly UnsupportedConstruct TooBig = new("RC1900",
        "The program is too big for the board",
        "Programul este prea mare pentru plăcuță");
    public static readonly UnsupportedConstruct Internal = new("RC1999",
        "The compiler made a mistake with this program (not your fault): please tell your teacher",
        "Compilatorul a greșit la acest program (nu e vina ta): spune-i profesorului");

    public static IReadOnlyList<UnsupportedConstruct> All { get; } =
    [
        Classes, Structs, Records, Interfaces, Enums, Linq, Async, Exceptions, Generics, Arrays, Lists,
        Switch, Foreach, Lambdas, Goto, Unsafe, Types, UnknownMethod, ScriptNotAtTop, EveryPeriod,
        MessageName, ScriptBody, OtherFunctionsVariable, FormatSpecifier, Patterns, Tuples, RefOut, Null,
        Objects, Assignment, ListMethod, IndexFromEnd, Other, TooDeep, Confusing, TooBig, Internal,
    ];
}
