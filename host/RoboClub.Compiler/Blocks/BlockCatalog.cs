using System.Text.Json;
using System.Text.Json.Nodes;

namespace RoboClub.Compiler.Blocks;

/// <summary>Which boards show a block in their toolbox.</summary>
public enum BoardKinds { Both, Robot, Weather }

public enum ArgKind
{
    /// <summary>A line break in the block (Blockly <c>input_dummy</c>).</summary>
    Dummy,
    /// <summary>A slot for a stack of statement blocks (<c>input_statement</c>).</summary>
    Statement,
    /// <summary>A slot for a value block (<c>input_value</c>), optionally with a shadow block.</summary>
    Value,
    /// <summary><c>field_number</c>.</summary>
    Number,
    /// <summary><c>field_input</c> (one line of text).</summary>
    Text,
    /// <summary><c>field_multilinetext</c> (raw C#).</summary>
    MultilineText,
    /// <summary><c>field_dropdown</c>.</summary>
    Dropdown,
    /// <summary><c>field_variable</c>.</summary>
    Variable,
}

/// <summary>A dropdown choice: the value stored in the workspace, its label in both languages and the C# it stands for.</summary>
public sealed record BlockOption(string Value, string En, string Ro, string CSharp);

/// <summary>
/// One <c>%N</c> argument of a block. <paramref name="Check"/> is Blockly's connection check ("Number", "Boolean",
/// "String" or null for any). <paramref name="Shadow"/> is the shadow block a value input gets in the toolbox and
/// when C# → blocks finds a literal there: "math_number", "text" or "logic_boolean".
/// </summary>
public sealed record BlockArg(string Name, ArgKind Kind, string? Check = null, string? Shadow = null, string? Default = null,
    BlockOption[]? Options = null, double? Min = null);

/// <summary>
/// ONE declaration per block kind. <see cref="CSharp"/> is what the block becomes: for the API blocks a template
/// (<c>Robot.Forward({SPEED});</c>, <c>Robot.Distance</c>) that both directions use; for the structured blocks
/// (if, loops, events, variables, functions) the shape written by <see cref="BlocksToCSharp"/> and read back
/// by <see cref="CSharpToBlocks"/>, shown in docs/blocks.md.
/// </summary>
public sealed record BlockDef(
    string Type,
    string Category,
    BoardKinds Boards,
    string MessageEn,
    string MessageRo,
    BlockArg[] Args,
    string TooltipEn,
    string TooltipRo,
    string CSharp,
    /// <summary>For value blocks: Blockly output check ("Number", "Boolean", "String") or "" for any. Null for statement blocks.</summary>
    string? Output = null,
    /// <summary>For value blocks: the C# type of the value (int, double, bool, string), or null when it depends on the inputs.</summary>
    string? CSharpType = null,
    /// <summary>Statement blocks connect above; <see cref="HasNext"/> says whether another can follow.</summary>
    bool HasPrevious = false,
    bool HasNext = false,
    /// <summary>Template-driven: a call or property of the child API (generated and parsed from <see cref="CSharp"/>).</summary>
    bool Template = false,
    /// <summary>Defined by Blockly itself (mutator blocks: if/else-if/else, text join, functions). Not exported by
    /// <see cref="BlockCatalog.ToBlocklyJson"/>; the editor loads Blockly's definitions and its Romanian messages.</summary>
    bool Builtin = false,
    /// <summary>Not in any toolbox: made by C# → blocks for code with no block form.</summary>
    bool Hidden = false)
{
    public bool IsStatement => Output == null;
    public bool IsHat => Output == null && !HasPrevious;
    public string Message(string lang) => lang == "ro" ? MessageRo : MessageEn;
    public string Tooltip(string lang) => lang == "ro" ? TooltipRo : TooltipEn;
    public BlockArg? Arg(string name) => Args.FirstOrDefault(a => a.Name == name);
}

public static class BlockCatalog
{
    public sealed record CategoryInfo(string Id, string En, string Ro, string Colour);

    /// <summary>Toolbox categories in order, with their colour (Blockly hue or #rrggbb).</summary>
    public static readonly IReadOnlyList<CategoryInfo> Categories =
    [
        new("events", "Events", "Evenimente", "45"),
        new("robot", "Robot", "Robot", "200"),
        new("weather", "Weather", "Meteo", "170"),
        new("looks", "Light & sound", "Lumină și sunet", "290"),
        new("control", "Control", "Control", "120"),
        new("logic", "Logic", "Logică", "210"),
        new("math", "Math", "Matematică", "230"),
        new("text", "Text", "Text", "160"),
        new("variables", "Variables", "Variabile", "330"),
        new("lists", "Lists", "Liste", "260"),
        new("functions", "Functions", "Funcții", "290"),
        new("csharp", "C#", "C#", "#888888"),
    ];

    static BlockArg Dummy => new("", ArgKind.Dummy);
    static BlockArg Do => new("DO", ArgKind.Statement);
    static BlockArg Num(string name, string def) => new(name, ArgKind.Value, "Number", "math_number", def);
    static BlockArg Str(string name, string def) => new(name, ArgKind.Value, "String", "text", def);
    static BlockArg Bool(string name) => new(name, ArgKind.Value, "Boolean");
    static BlockArg Any(string name) => new(name, ArgKind.Value);

    static BlockDef Call(string type, string cat, BoardKinds boards, string en, string ro, string cs, string tipEn, string tipRo, params BlockArg[] args)
        => new(type, cat, boards, en, ro, args, tipEn, tipRo, cs, HasPrevious: true, HasNext: true, Template: true);

    static BlockDef Sensor(string type, string cat, BoardKinds boards, string en, string ro, string cs, string output, string csType, string tipEn, string tipRo)
        => new(type, cat, boards, en, ro, [], tipEn, tipRo, cs, Output: output, CSharpType: csType, Template: true);

    static BlockDef Event(string type, string en, string ro, string cs, string tipEn, string tipRo, params BlockArg[] args)
        => new(type, "events", BoardKinds.Both, en, ro, args, tipEn, tipRo, cs);

    /// <summary>Every block kind, in toolbox order.</summary>
    public static readonly IReadOnlyList<BlockDef> All =
    [
        // ---- events: each hat block is one script of the program ----
        Event("event_start", "when the program starts %1 %2", "când pornește programul %1 %2",
            "top-level statements", "Runs once when the program starts.", "Rulează o dată, când pornește programul.", Dummy, Do),
        Event("event_every", "every %1 ms %2 %3", "la fiecare %1 ms %2 %3",
            "Every({MS}, () =>\n{\n    {DO}\n});", "Runs the blocks again and again, every so many milliseconds.",
            "Rulează blocurile din nou și din nou, la fiecare câteva milisecunde.",
            new BlockArg("MS", ArgKind.Number, Default: "1000", Min: 10), Dummy, Do),
        Event("event_when", "when %1 %2 %3", "când %1 %2 %3",
            "When(() => {COND}, () =>\n{\n    {DO}\n});", "Runs the blocks each time the condition becomes true.",
            "Rulează blocurile de fiecare dată când condiția devine adevărată.", Bool("COND"), Dummy, Do),
        Event("event_message", "when I receive %1 %2 %3", "când primesc mesajul %1 %2 %3",
            "OnMessage(\"{NAME}\", () =>\n{\n    {DO}\n});", "Runs the blocks when this message is sent (by any board).",
            "Rulează blocurile când cineva trimite acest mesaj (de pe orice plăcuță).",
            new BlockArg("NAME", ArgKind.Text, Default: "ploaie"), Dummy, Do),
        Event("event_button", "when the button is pressed %1 %2", "când se apasă butonul %1 %2",
            "OnButton(() =>\n{\n    {DO}\n});", "Runs the blocks when the board's button is pressed.",
            "Rulează blocurile când se apasă butonul plăcuței.", Dummy, Do),
        Call("event_broadcast", "events", BoardKinds.Both, "send message %1", "trimite mesajul %1", "Broadcast({NAME});",
            "Sends a message to every board; 'when I receive' blocks start.", "Trimite un mesaj tuturor plăcuțelor; pornesc blocurile „când primesc mesajul”.",
            Str("NAME", "ploaie")),

        // ---- robot ----
        Call("robot_forward", "robot", BoardKinds.Robot, "go forward at speed %1", "mergi înainte cu viteza %1", "Robot.Forward({SPEED});",
            "Both wheels forward; speed in percent (0 to 100).", "Ambele roți înainte; viteza în procente (de la 0 la 100).", Num("SPEED", "60")),
        Call("robot_backward", "robot", BoardKinds.Robot, "go backward at speed %1", "mergi înapoi cu viteza %1", "Robot.Backward({SPEED});",
            "Both wheels backward; speed in percent.", "Ambele roți înapoi; viteza în procente.", Num("SPEED", "60")),
        Call("robot_turn_left", "robot", BoardKinds.Robot, "turn left at speed %1", "întoarce-te la stânga cu viteza %1", "Robot.TurnLeft({SPEED});",
            "Turn on the spot to the left.", "Întoarce-te pe loc, spre stânga.", Num("SPEED", "50")),
        Call("robot_turn_right", "robot", BoardKinds.Robot, "turn right at speed %1", "întoarce-te la dreapta cu viteza %1", "Robot.TurnRight({SPEED});",
            "Turn on the spot to the right.", "Întoarce-te pe loc, spre dreapta.", Num("SPEED", "50")),
        Call("robot_stop", "robot", BoardKinds.Robot, "stop the wheels", "oprește roțile", "Robot.Stop();",
            "Stops both wheels.", "Oprește ambele roți."),
        Call("robot_motors", "robot", BoardKinds.Robot, "wheels: left %1 right %2", "roți: stânga %1 dreapta %2", "Robot.Motors({LEFT}, {RIGHT});",
            "Each wheel on its own, from -100 (backward) to 100 (forward).", "Fiecare roată separat, de la -100 (înapoi) la 100 (înainte).",
            Num("LEFT", "60"), Num("RIGHT", "30")),
        Call("robot_servo", "robot", BoardKinds.Robot, "turn the servo to %1 degrees", "rotește servomotorul la %1 grade", "Robot.Servo({ANGLE});",
            "Servo angle, from 0 to 180 degrees.", "Unghiul servomotorului, de la 0 la 180 de grade.", Num("ANGLE", "90")),
        Sensor("robot_distance", "robot", BoardKinds.Robot, "distance (cm)", "distanța (cm)", "Robot.Distance", "Number", "double",
            "Distance to the nearest obstacle in cm (-1: nothing in range).", "Distanța până la cel mai apropiat obstacol, în cm (-1: nimic în raza senzorului)."),
        Sensor("robot_line_left", "robot", BoardKinds.Robot, "left line sensor sees the line", "senzorul de linie din stânga vede linia", "Robot.LineLeft", "Boolean", "bool",
            "True when the left sensor is over the line.", "Adevărat când senzorul din stânga e deasupra liniei."),
        Sensor("robot_line_right", "robot", BoardKinds.Robot, "right line sensor sees the line", "senzorul de linie din dreapta vede linia", "Robot.LineRight", "Boolean", "bool",
            "True when the right sensor is over the line.", "Adevărat când senzorul din dreapta e deasupra liniei."),
        Sensor("robot_bumper", "robot", BoardKinds.Robot, "bumper is pressed", "bara de protecție e apăsată", "Robot.Bumper", "Boolean", "bool",
            "True while the robot bumps into something.", "Adevărat cât timp robotul s-a lovit de ceva."),

        // ---- weather station ----
        Sensor("weather_temperature", "weather", BoardKinds.Weather, "temperature (°C)", "temperatura (°C)", "Weather.Temperature", "Number", "double",
            "Air temperature in degrees Celsius.", "Temperatura aerului, în grade Celsius."),
        Sensor("weather_humidity", "weather", BoardKinds.Weather, "humidity (percent)", "umiditatea (procente)", "Weather.Humidity", "Number", "double",
            "Relative humidity of the air, in percent.", "Umiditatea relativă a aerului, în procente."),
        Sensor("weather_pressure", "weather", BoardKinds.Weather, "air pressure (hPa)", "presiunea aerului (hPa)", "Weather.Pressure", "Number", "double",
            "Air pressure in hectopascals.", "Presiunea aerului, în hectopascali."),
        Sensor("weather_light", "weather", BoardKinds.Weather, "light (percent)", "lumina (procente)", "Weather.Light", "Number", "double",
            "How bright it is, in percent.", "Cât de luminos e, în procente."),
        Sensor("weather_wind", "weather", BoardKinds.Weather, "wind speed (km/h)", "viteza vântului (km/h)", "Weather.Wind", "Number", "double",
            "Wind speed in km/h.", "Viteza vântului, în km/h."),
        Sensor("weather_rain", "weather", BoardKinds.Weather, "rain (mm)", "ploaia (mm)", "Weather.Rain", "Number", "double",
            "Rain in millimetres since the program started.", "Ploaia căzută de la pornirea programului, în milimetri."),

        // ---- light and sound (both boards) ----
        Call("led_color", "looks", BoardKinds.Both, "set the LED to %1", "aprinde LED-ul în culoarea %1", "Led.Color({COLOR});",
            "Light the LED: a colour name in Romanian or English.", "Aprinde LED-ul: numele culorii în română sau engleză.", Str("COLOR", "roșu")),
        Call("led_rgb", "looks", BoardKinds.Both, "set the LED to red %1 green %2 blue %3", "aprinde LED-ul cu roșu %1 verde %2 albastru %3", "Led.Rgb({RED}, {GREEN}, {BLUE});",
            "Mix a colour: each part from 0 to 255.", "Amestecă o culoare: fiecare parte de la 0 la 255.", Num("RED", "255"), Num("GREEN", "0"), Num("BLUE", "0")),
        Call("led_off", "looks", BoardKinds.Both, "turn the LED off", "stinge LED-ul", "Led.Off();", "Turns the LED off.", "Stinge LED-ul."),
        Call("sound_tone", "looks", BoardKinds.Both, "play a tone of %1 Hz for %2 ms", "cântă un sunet de %1 Hz timp de %2 ms", "Sound.Tone({HZ}, {MS});",
            "Plays a note on the buzzer: pitch in Hz, length in milliseconds.", "Cântă o notă la difuzor: înălțimea în Hz, durata în milisecunde.", Num("HZ", "440"), Num("MS", "200")),
        Call("sound_stop", "looks", BoardKinds.Both, "stop the sound", "oprește sunetul", "Sound.Stop();", "Stops the buzzer.", "Oprește difuzorul."),
        Sensor("button_pressed", "looks", BoardKinds.Both, "button is pressed", "butonul e apăsat", "Button.Pressed", "Boolean", "bool",
            "True while the board's button is held down.", "Adevărat cât timp butonul plăcuței e ținut apăsat."),
        Call("data_plot", "looks", BoardKinds.Both, "draw on the chart %1 value %2", "desenează pe grafic %1 valoarea %2", "Plot({SERIES}, {VALUE});",
            "Sends a point to the hub's live chart.", "Trimite un punct pe graficul în timp real.", Str("SERIES", "temperatura"), Num("VALUE", "0")),

        // ---- control ----
        Call("control_wait", "control", BoardKinds.Both, "wait %1 ms", "așteaptă %1 ms", "Wait({MS});",
            "Waits; other scripts go on meanwhile. 1000 ms = 1 second.", "Așteaptă; celelalte scripturi merg mai departe. 1000 ms = o secundă.", Num("MS", "500")),
        new("controls_repeat_ext", "control", BoardKinds.Both, "repeat %1 times %2 %3", "repetă de %1 ori %2 %3",
            [Num("TIMES", "10"), Dummy, Do], "Runs the blocks inside this many times.", "Rulează blocurile dinăuntru de atâtea ori.",
            "for (int i = 0; i < {TIMES}; i++)\n{\n    {DO}\n}", HasPrevious: true, HasNext: true),
        new("controls_whileUntil", "control", BoardKinds.Both, "repeat %1 %2 %3 %4", "repetă %1 %2 %3 %4",
            [new("MODE", ArgKind.Dropdown, Options: [new("WHILE", "while", "cât timp", "while ({BOOL})"), new("UNTIL", "until", "până când", "while (!({BOOL}))")]),
             Bool("BOOL"), Dummy, Do],
            "Repeats while the condition is true (or until it becomes true).", "Repetă cât timp condiția e adevărată (sau până când devine adevărată).",
            "while ({BOOL})\n{\n    {DO}\n}", HasPrevious: true, HasNext: true),
        new("controls_forever", "control", BoardKinds.Both, "repeat forever %1 %2", "repetă la nesfârșit %1 %2", [Dummy, Do],
            "Repeats the blocks inside forever.", "Repetă la nesfârșit blocurile dinăuntru.", "while (true)\n{\n    {DO}\n}", HasPrevious: true),
        new("controls_for", "control", BoardKinds.Both, "count with %1 from %2 to %3 by %4 %5 %6", "numără cu %1 de la %2 până la %3 cu pasul %4 %5 %6",
            [new("VAR", ArgKind.Variable, Default: "i"), Num("FROM", "1"), Num("TO", "10"), Num("BY", "1"), Dummy, Do],
            "The variable counts from the first number to the second, running the blocks each time.",
            "Variabila numără de la primul număr până la al doilea, rulând blocurile de fiecare dată.",
            "for (int i = {FROM}; i <= {TO}; i++)\n{\n    {DO}\n}", HasPrevious: true, HasNext: true),
        new("controls_if", "control", BoardKinds.Both, "if %1 then %2", "dacă %1 atunci %2", [Bool("IF0"), new("DO0", ArgKind.Statement)],
            "If the condition is true, run the blocks. The gear adds 'else if' and 'else'.",
            "Dacă condiția e adevărată, rulează blocurile. Rotița adaugă „altfel dacă” și „altfel”.",
            "if ({IF0})\n{\n    {DO0}\n}\nelse if ({IF1})\n{\n    {DO1}\n}\nelse\n{\n    {ELSE}\n}", HasPrevious: true, HasNext: true, Builtin: true),
        new("controls_flow_statements", "control", BoardKinds.Both, "%1 of the loop", "%1 bucla",
            [new("FLOW", ArgKind.Dropdown, Options: [new("BREAK", "break out", "ieși din", "break;"), new("CONTINUE", "go to the next step", "treci la pasul următor din", "continue;")])],
            "Leave the loop, or go to its next step.", "Ieși din buclă sau treci la pasul ei următor.", "break; / continue;", HasPrevious: true),

        // ---- logic ----
        new("logic_compare", "logic", BoardKinds.Both, "%1 %2 %3", "%1 %2 %3",
            [Any("A"), new("OP", ArgKind.Dropdown, Options: [new("EQ", "=", "=", "=="), new("NEQ", "≠", "≠", "!="), new("LT", "<", "<", "<"),
                new("LTE", "≤", "≤", "<="), new("GT", ">", ">", ">"), new("GTE", "≥", "≥", ">=")]), Any("B")],
            "Compares two values.", "Compară două valori.", "{A} == {B}", Output: "Boolean", CSharpType: "bool"),
        new("logic_operation", "logic", BoardKinds.Both, "%1 %2 %3", "%1 %2 %3",
            [Bool("A"), new("OP", ArgKind.Dropdown, Options: [new("AND", "and", "și", "&&"), new("OR", "or", "sau", "||")]), Bool("B")],
            "'and': both are true; 'or': at least one is true.", "„și”: amândouă sunt adevărate; „sau”: măcar una e adevărată.", "{A} && {B}", Output: "Boolean", CSharpType: "bool"),
        new("logic_negate", "logic", BoardKinds.Both, "not %1", "nu %1", [Bool("BOOL")],
            "True when the condition is false.", "Adevărat când condiția e falsă.", "!{BOOL}", Output: "Boolean", CSharpType: "bool"),
        new("logic_boolean", "logic", BoardKinds.Both, "%1", "%1",
            [new("BOOL", ArgKind.Dropdown, Options: [new("TRUE", "true", "adevărat", "true"), new("FALSE", "false", "fals", "false")])],
            "True or false.", "Adevărat sau fals.", "true", Output: "Boolean", CSharpType: "bool"),
        new("logic_ternary", "logic", BoardKinds.Both, "if %1 then %2 else %3", "dacă %1 atunci %2 altfel %3", [Bool("IF"), Any("THEN"), Any("ELSE")],
            "One of two values, chosen by the condition.", "Una din două valori, aleasă după condiție.", "{IF} ? {THEN} : {ELSE}", Output: ""),

        // ---- math ----
        new("math_number", "math", BoardKinds.Both, "%1", "%1", [new("NUM", ArgKind.Number, Default: "0")],
            "A number. Whole numbers are int; numbers with a point (2.5, 3.0) are double.", "Un număr. Numerele întregi sunt int; cele cu virgulă (2.5, 3.0) sunt double.",
            "42", Output: "Number"),
        new("math_arithmetic", "math", BoardKinds.Both, "%1 %2 %3", "%1 %2 %3",
            [Num("A", "1"), new("OP", ArgKind.Dropdown, Options: [new("ADD", "+", "+", "+"), new("MINUS", "-", "-", "-"), new("MULTIPLY", "×", "×", "*"),
                new("DIVIDE", "÷", "÷", "/"), new("POWER", "^", "^", "Math.Pow({A}, {B})")]), Num("B", "1")],
            "Adds, subtracts, multiplies, divides or raises to a power. Two whole numbers divide as C# does: 7 ÷ 2 = 3.",
            "Adună, scade, înmulțește, împarte sau ridică la putere. Două numere întregi se împart ca în C#: 7 ÷ 2 = 3.",
            "{A} + {B}", Output: "Number"),
        new("math_modulo", "math", BoardKinds.Both, "remainder of %1 ÷ %2", "restul împărțirii %1 ÷ %2", [Num("DIVIDEND", "7"), Num("DIVISOR", "2")],
            "The remainder of a division.", "Restul unei împărțiri.", "{DIVIDEND} % {DIVISOR}", Output: "Number"),
        new("math_negate", "math", BoardKinds.Both, "minus %1", "minus %1", [Num("NUM", "5")],
            "The number with the opposite sign.", "Numărul cu semnul schimbat.", "-{NUM}", Output: "Number"),
        new("math_function", "math", BoardKinds.Both, "%1 %2", "%1 %2",
            [new("OP", ArgKind.Dropdown, Options: [new("SQRT", "square root of", "radical din", "Math.Sqrt"), new("ABS", "absolute value of", "modulul lui", "Math.Abs"),
                new("ROUND", "round", "rotunjește", "Math.Round"), new("FLOOR", "round down", "rotunjește în jos", "Math.Floor"),
                new("CEILING", "round up", "rotunjește în sus", "Math.Ceiling")]), Num("NUM", "9")],
            "Square root, absolute value or rounding.", "Radical, modul sau rotunjire.", "Math.Sqrt({NUM})", Output: "Number"),
        new("math_minmax", "math", BoardKinds.Both, "%1 of %2 and %3", "%1 dintre %2 și %3",
            [new("OP", ArgKind.Dropdown, Options: [new("MIN", "smaller", "cel mai mic", "Math.Min"), new("MAX", "larger", "cel mai mare", "Math.Max")]), Num("A", "3"), Num("B", "7")],
            "The smaller or the larger of two numbers.", "Cel mai mic sau cel mai mare dintre două numere.", "Math.Min({A}, {B})", Output: "Number"),
        new("math_random_int", "math", BoardKinds.Both, "random number from %1 to %2", "număr la întâmplare de la %1 până la %2",
            [Num("FROM", "1"), Num("TO", "6")], "A random whole number between the two (both included).", "Un număr întreg la întâmplare între cele două (inclusiv).",
            "Random({FROM}, {TO})", Output: "Number", CSharpType: "int", Template: true),
        new("time_millis", "math", BoardKinds.Both, "milliseconds since the start", "milisecunde de la pornire", [],
            "How many milliseconds the program has been running.", "De câte milisecunde rulează programul.", "Millis", Output: "Number", CSharpType: "int", Template: true),

        // ---- text ----
        new("text", "text", BoardKinds.Both, "“%1”", "„%1”", [new("TEXT", ArgKind.Text, Default: "")],
            "A piece of text.", "O bucată de text.", "\"salut\"", Output: "String", CSharpType: "string"),
        new("text_join", "text", BoardKinds.Both, "create text with %1", "creează text din %1", [Any("ADD0")],
            "Joins pieces of text and numbers. The gear adds pieces.", "Lipește bucăți de text și numere. Rotița adaugă bucăți.",
            "$\"T = {ADD0}{ADD1}\"", Output: "String", CSharpType: "string", Builtin: true),
        new("text_length", "text", BoardKinds.Both, "length of %1", "lungimea textului %1", [Str("VALUE", "abc")],
            "How many characters the text has.", "Câte caractere are textul.", "{VALUE}.Length", Output: "Number", CSharpType: "int"),
        Call("text_print", "text", BoardKinds.Both, "print %1", "afișează %1", "Console.WriteLine({TEXT});",
            "Prints a line on the console.", "Afișează un rând în consolă.", new BlockArg("TEXT", ArgKind.Value, Shadow: "text", Default: "salut")),

        // ---- variables ----
        new("variables_set", "variables", BoardKinds.Both, "set %1 to %2", "setează %1 la %2", [new("VAR", ArgKind.Variable, Default: "x"), Any("VALUE")],
            "Gives the variable a value.", "Dă o valoare variabilei.", "x = {VALUE};", HasPrevious: true, HasNext: true),
        new("math_change", "variables", BoardKinds.Both, "change %1 by %2", "mărește %1 cu %2", [new("VAR", ArgKind.Variable, Default: "x"), Num("DELTA", "1")],
            "Adds to the variable (a negative number subtracts).", "Adună la variabilă (un număr negativ scade).", "x += {DELTA}; (x++; for 1, x--; for -1)",
            HasPrevious: true, HasNext: true),
        new("variables_get", "variables", BoardKinds.Both, "%1", "%1", [new("VAR", ArgKind.Variable, Default: "x")],
            "The value of the variable.", "Valoarea variabilei.", "x", Output: ""),

        // ---- lists (List<int>, List<double>, List<string>, List<bool>; positions from 0, as in C#) ----
        new("lists_create_with", "lists", BoardKinds.Both, "create list with %1", "creează listă cu %1", [Any("ADD0")],
            "A list with these items (all of one kind). The gear adds items; with none it is an empty list.",
            "O listă cu aceste elemente (toate de același fel). Rotița adaugă elemente; fără niciunul e o listă goală.",
            "new List<int> { {ADD0}, {ADD1} }", Output: "Array", Builtin: true),
        new("list_add", "lists", BoardKinds.Both, "add %1 to the end of list %2", "adaugă %1 la sfârșitul listei %2",
            [Any("VALUE"), new("LIST", ArgKind.Value, "Array")], "Adds an item at the end of the list.", "Adaugă un element la sfârșitul listei.",
            "{LIST}.Add({VALUE});", HasPrevious: true, HasNext: true),
        new("list_get", "lists", BoardKinds.Both, "item at position %1 of list %2", "elementul de pe poziția %1 din lista %2",
            [Num("INDEX", "0"), new("LIST", ArgKind.Value, "Array")], "The item at this position; the first one is at position 0.",
            "Elementul de pe această poziție; primul e pe poziția 0.", "{LIST}[{INDEX}]", Output: ""),
        new("list_set", "lists", BoardKinds.Both, "set item at position %1 of list %2 to %3", "pune pe poziția %1 din lista %2 valoarea %3",
            [Num("INDEX", "0"), new("LIST", ArgKind.Value, "Array"), Any("VALUE")], "Changes the item at this position (the first is at 0).",
            "Schimbă elementul de pe această poziție (primul e pe poziția 0).", "{LIST}[{INDEX}] = {VALUE};", HasPrevious: true, HasNext: true),
        new("list_length", "lists", BoardKinds.Both, "number of items in list %1", "numărul de elemente din lista %1",
            [new("LIST", ArgKind.Value, "Array")], "How many items the list has.", "Câte elemente are lista.", "{LIST}.Count", Output: "Number", CSharpType: "int"),
        new("list_for_each", "lists", BoardKinds.Both, "for each item %1 in list %2 %3 %4", "pentru fiecare element %1 din lista %2 %3 %4",
            [new("VAR", ArgKind.Variable, Default: "element"), new("LIST", ArgKind.Value, "Array"), Dummy, Do],
            "Runs the blocks once for each item of the list, in order. The list must not grow or shrink meanwhile.",
            "Rulează blocurile o dată pentru fiecare element al listei, în ordine. Lista nu are voie să crească sau să scadă între timp.",
            "foreach (int element in {LIST})\n{\n    {DO}\n}", HasPrevious: true, HasNext: true),

        // ---- functions (Blockly's procedure blocks) ----
        new("procedures_defnoreturn", "functions", BoardKinds.Both, "to %1 %2 %3", "pentru a %1 %2 %3", [new("NAME", ArgKind.Text, Default: "fă"), Dummy, new("STACK", ArgKind.Statement)],
            "A function: blocks with a name, run by the call block.", "O funcție: blocuri cu un nume, rulate de blocul de apel.",
            "void Name(int a)\n{\n    {STACK}\n}", Builtin: true),
        new("procedures_defreturn", "functions", BoardKinds.Both, "to %1 %2 %3 return %4", "pentru a %1 %2 %3 întoarce %4",
            [new("NAME", ArgKind.Text, Default: "calculează"), Dummy, new("STACK", ArgKind.Statement), Any("RETURN")],
            "A function that gives back a value.", "O funcție care întoarce o valoare.", "int Name(int a)\n{\n    {STACK}\n    return {RETURN};\n}", Builtin: true),
        new("procedures_callnoreturn", "functions", BoardKinds.Both, "%1", "%1", [new("NAME", ArgKind.Text)],
            "Runs the function.", "Rulează funcția.", "Name(a);", HasPrevious: true, HasNext: true, Builtin: true),
        new("procedures_callreturn", "functions", BoardKinds.Both, "%1", "%1", [new("NAME", ArgKind.Text)],
            "Runs the function and uses its value.", "Rulează funcția și folosește valoarea ei.", "Name(a)", Output: "", Builtin: true),
        new("function_return", "functions", BoardKinds.Both, "return %1", "întoarce %1", [Any("VALUE")],
            "Leaves the function now, giving back the value (empty in a function with no value).",
            "Iese acum din funcție și întoarce valoarea (gol într-o funcție fără valoare).", "return {VALUE};", HasPrevious: true),

        // ---- raw C# (made by C# → blocks; grey) ----
        new("csharp_statement", "csharp", BoardKinds.Both, "C# %1", "C# %1", [new("CODE", ArgKind.MultilineText, Default: "")],
            "C# that has no block: it runs exactly as written.", "C# care nu are bloc: rulează exact cum e scris.", "(the text, as written)",
            HasPrevious: true, HasNext: true, Hidden: true),
        new("csharp_expression", "csharp", BoardKinds.Both, "C# %1", "C# %1", [new("CODE", ArgKind.Text, Default: "0")],
            "A C# value that has no block.", "O valoare C# care nu are bloc.", "(the text, as written)", Output: "", Hidden: true),
    ];

    static readonly Dictionary<string, BlockDef> ByType = All.ToDictionary(b => b.Type);

    public static BlockDef? Find(string type) => ByType.GetValueOrDefault(type);

    public static string CategoryColour(string category) => Categories.First(c => c.Id == category).Colour;

    /// <summary>Blockly JSON block definitions (for <c>Blockly.common.createBlockDefinitionsFromJsonArray</c>) of every
    /// block that is not one of Blockly's own mutator blocks, with messages and tooltips in <paramref name="lang"/> ("en" or "ro").</summary>
    public static string ToBlocklyJson(string lang)
    {
        var array = new JsonArray();
        foreach (var b in All.Where(b => !b.Builtin))
            array.Add(Definition(b, lang));
        return array.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    internal static JsonObject Definition(BlockDef b, string lang)
    {
        var o = new JsonObject { ["type"] = b.Type, ["message0"] = b.Message(lang) };
        var args = new JsonArray();
        foreach (var a in b.Args)
        {
            var j = new JsonObject();
            switch (a.Kind)
            {
                case ArgKind.Dummy: j["type"] = "input_dummy"; break;
                case ArgKind.Statement: j["type"] = "input_statement"; j["name"] = a.Name; break;
                case ArgKind.Value:
                    j["type"] = "input_value"; j["name"] = a.Name;
                    if (a.Check != null) j["check"] = a.Check;
                    break;
                case ArgKind.Number:
                    j["type"] = "field_number"; j["name"] = a.Name; j["value"] = double.Parse(a.Default ?? "0", System.Globalization.CultureInfo.InvariantCulture);
                    if (a.Min != null) j["min"] = a.Min;
                    break;
                case ArgKind.Text: j["type"] = "field_input"; j["name"] = a.Name; j["text"] = a.Default ?? ""; break;
                case ArgKind.MultilineText: j["type"] = "field_multilinetext"; j["name"] = a.Name; j["text"] = a.Default ?? ""; break;
                case ArgKind.Dropdown:
                    j["type"] = "field_dropdown"; j["name"] = a.Name;
                    j["options"] = new JsonArray(a.Options!.Select(op => (JsonNode)new JsonArray(lang == "ro" ? op.Ro : op.En, op.Value)).ToArray());
                    break;
                case ArgKind.Variable: j["type"] = "field_variable"; j["name"] = a.Name; j["variable"] = a.Default; break;
            }
            args.Add(j);
        }
        if (args.Count > 0) o["args0"] = args;
        if (b.Args.Any(a => a.Kind == ArgKind.Value) && b.Args.All(a => a.Kind is not ArgKind.Statement and not ArgKind.Dummy)) o["inputsInline"] = true;
        if (b.Output != null) o["output"] = b.Output == "" ? null : b.Output;
        if (b.HasPrevious) o["previousStatement"] = null;
        if (b.HasNext) o["nextStatement"] = null;
        var colour = CategoryColour(b.Category);
        o["colour"] = colour.StartsWith('#') ? colour : int.Parse(colour);
        o["tooltip"] = b.Tooltip(lang);
        return o;
    }

    /// <summary>The toolbox (Blockly's JSON category toolbox) for a board kind ("robot" or "weather"), labels in <paramref name="lang"/>.
    /// Value inputs get their shadow blocks; the variables and functions categories are Blockly's dynamic ones.</summary>
    public static string ToolboxJson(string boardKind, string lang)
    {
        var board = boardKind.Equals("weather", StringComparison.OrdinalIgnoreCase) ? BoardKinds.Weather : BoardKinds.Robot;
        var categories = new JsonArray();
        foreach (var cat in Categories)
        {
            var cj = new JsonObject { ["kind"] = "category", ["name"] = lang == "ro" ? cat.Ro : cat.En, ["colour"] = cat.Colour };
            if (cat.Id == "variables") { cj["custom"] = "VARIABLE"; categories.Add(cj); continue; }
            if (cat.Id == "functions") { cj["custom"] = "PROCEDURE"; categories.Add(cj); continue; }
            var contents = new JsonArray();
            foreach (var b in All.Where(b => b.Category == cat.Id && !b.Hidden && (b.Boards == BoardKinds.Both || b.Boards == board)))
            {
                var item = new JsonObject { ["kind"] = "block", ["type"] = b.Type };
                var inputs = new JsonObject();
                foreach (var a in b.Args.Where(a => a.Kind == ArgKind.Value && a.Shadow != null))
                    inputs[a.Name] = new JsonObject { ["shadow"] = ShadowBlock(a.Shadow!, a.Default ?? "") };
                if (inputs.Count > 0) item["inputs"] = inputs;
                contents.Add(item);
            }
            if (contents.Count == 0) continue;
            cj["contents"] = contents;
            categories.Add(cj);
        }
        var toolbox = new JsonObject { ["kind"] = "categoryToolbox", ["contents"] = categories };
        return toolbox.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>The catalog as a Markdown table (docs/blocks.md embeds it; a test keeps the two equal).</summary>
    public static string MarkdownTable()
    {
        static string Cell(string s) => s.Replace("|", "\\|").Replace("\n", " ");
        static string Code(string s) => "`" + System.Text.RegularExpressions.Regex.Replace(s, @"\s+", " ").Replace("|", "\\|") + "`";
        var sb = new System.Text.StringBuilder();
        sb.Append("| block | category | boards | English | Romanian | C# |\n|---|---|---|---|---|---|\n");
        foreach (var b in All)
        {
            string en = b.MessageEn, ro = b.MessageRo;
            foreach (var a in b.Args.Select((a, i) => (a, i)))
            {
                var label = a.a.Kind switch
                {
                    ArgKind.Dummy => "",
                    ArgKind.Statement => "[" + a.a.Name + "]",
                    ArgKind.Dropdown => "(" + string.Join("/", a.a.Options!.Select(o => o.En)) + ")",
                    _ => "(" + a.a.Name + ")",
                };
                var labelRo = a.a.Kind == ArgKind.Dropdown ? "(" + string.Join("/", a.a.Options!.Select(o => o.Ro)) + ")" : label;
                en = en.Replace("%" + (a.i + 1), label);
                ro = ro.Replace("%" + (a.i + 1), labelRo);
            }
            var boards = b.Boards switch { BoardKinds.Robot => "robot", BoardKinds.Weather => "weather", _ => "both" };
            sb.Append($"| `{b.Type}` | {b.Category} | {boards} | {Cell(System.Text.RegularExpressions.Regex.Replace(en, " +", " ").Trim())} | {Cell(System.Text.RegularExpressions.Regex.Replace(ro, " +", " ").Trim())} | {Code(b.CSharp)} |\n");
        }
        return sb.ToString();
    }

    internal static JsonObject ShadowBlock(string type, string value) => type switch
    {
        "math_number" => new JsonObject { ["type"] = "math_number", ["fields"] = new JsonObject { ["NUM"] = NumberNode(value) } },
        "logic_boolean" => new JsonObject { ["type"] = "logic_boolean", ["fields"] = new JsonObject { ["BOOL"] = value } },
        _ => new JsonObject { ["type"] = "text", ["fields"] = new JsonObject { ["TEXT"] = value } },
    };

    /// <summary>A number field's JSON value: a JSON number, except a double written with a point but no fraction
    /// ("3.0"), which stays a string so it does not become the int 3.</summary>
    internal static JsonNode NumberNode(string literal)
    {
        if (int.TryParse(literal, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var i)) return JsonValue.Create(i);
        if (double.TryParse(literal, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d)
            && d != Math.Floor(d) && !double.IsInfinity(d)
            && d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) == literal)
            return JsonValue.Create(d);
        return JsonValue.Create(literal);
    }
}
