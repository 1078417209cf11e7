namespace RoboClub.Compiler.Diagnostics;

/// <summary>
/// The child-friendly error table: the most common beginner mistakes, each with a short, kind, concrete
/// English and Romanian message. The first matching row wins, so specific rows come before general ones.
/// Every row has its own test in tests/RoboClub.Compiler.Tests/Diagnostics.
/// </summary>
public static class ChildErrorTable
{
    private static readonly string[] NumberTypes = ["int", "long", "short", "byte", "float", "double", "decimal", "uint", "ulong", "ushort", "sbyte"];
    private static readonly string[] Comparisons = ["<", ">", "<=", ">=", "==", "!="];

    private static bool IsNumber(string type) => NumberTypes.Contains(type, StringComparer.Ordinal);

    public static IReadOnlyList<ChildErrorEntry> Entries { get; } =
    [
        // ---- Punctuation: ; { } ( ) , ----
        new("missing-semicolon", ["CS1002"],
            "Add a `;` at the end of this line.",
            "Pune `;` la sfârșitul acestui rând.")
        { When = c => c.AtEndOfLine },
        new("missing-semicolon-for", ["CS1002"],
            "A `;` is missing just before this. In `for (...)` the three parts are separated by `;`: `for (int i = 0; i < 10; i++)`.",
            "Lipsește un `;` chiar înainte de acest loc. În `for (...)` cele trei părți se despart cu `;`: `for (int i = 0; i < 10; i++)`.")
        { When = c => c.InForHeader },
        new("missing-semicolon-inside", ["CS1002"],
            "A `;` is missing just before this. Every command ends with `;`.",
            "Lipsește un `;` chiar înainte de acest loc. Fiecare comandă se termină cu `;`."),
        new("missing-close-brace", ["CS1513"],
            "A `}` is missing. Every `{` needs its own `}` to close it.",
            "Lipsește o acoladă `}`. Fiecare `{` are nevoie de o `}` care o închide."),
        new("missing-open-brace", ["CS1514"],
            "A `{` is missing here. Open the block with `{`.",
            "Aici lipsește o acoladă `{`. Deschide blocul cu `{`."),
        new("extra-close-brace", ["CS1022"],
            "There is an extra `}` here, or one `{` too few. Count your braces.",
            "Aici este o acoladă `}` în plus sau lipsește o `{`. Numără acoladele."),
        new("missing-close-paren", ["CS1026"],
            "A `)` is missing. Every `(` needs its own `)` to close it.",
            "Lipsește o paranteză `)`. Fiecare `(` are nevoie de o `)` care o închide."),
        new("missing-open-paren", ["CS1003"],
            "A `(` is missing here. Put the condition or the values between `(` and `)`.",
            "Aici lipsește o paranteză `(`. Pune condiția sau valorile între `(` și `)`.")
        { When = c => c.Q(0) == "(" },
        new("missing-semicolon-line-end", ["CS1003"],
            "Add a `;` at the end of this line.",
            "Pune `;` la sfârșitul acestui rând.")
        { When = c => c.Q(0) == "," && c.AtEndOfLine },
        new("missing-comma", ["CS1003"],
            "A `,` is missing here. Separate the values with commas.",
            "Aici lipsește o virgulă `,`. Desparte valorile cu virgule.")
        { When = c => c.Q(0) == "," },
        new("missing-token", ["CS1003"],
            "Something is missing here: add `{q0}`.",
            "Aici lipsește ceva: adaugă `{q0}`."),
        new("else-without-if", ["CS8641", "CS1525"],
            "This `else` has no `if` right before it. Check for a `;` after the `if (...)` or a missing `}`.",
            "Acest `else` nu are un `if` chiar înainte. Verifică dacă ai pus `;` după `if (...)` sau dacă lipsește o `}`.")
        { When = c => c.Id == "CS8641" || c.Q(0) == "else" },
        new("invalid-expression", ["CS1525"],
            "`{q0}` cannot be here. Maybe a value is missing before it.",
            "`{q0}` nu poate sta aici. Poate lipsește o valoare înaintea lui."),
        new("keyword-as-name", ["CS1001", "CS1041", "CS1519"],
            "`{keyword}` is a word C# keeps for itself, so it cannot be a name. Choose another name.",
            "`{keyword}` este un cuvânt pe care C# îl păstrează pentru el, deci nu poate fi un nume. Alege alt nume.")
        { When = c => c.Id == "CS1041" || c.IsKeywordAtSpan },
        new("method-needs-return-type", ["CS1520"],
            "A method needs `void` (or a type) before its name, like `void {name}() { }`. Commands like `{name}();` go inside a method's `{ }`.",
            "O metodă are nevoie de `void` (sau de un tip) înaintea numelui, ca `void {name}() { }`. Comenzile ca `{name}();` se pun între `{ }` ale unei metode."),
        new("statement-in-class", ["CS1519"],
            "`{q0}` cannot be here. Inside a `class` you can only create variables and methods; commands like `LedOn();` go inside a method's `{ }`.",
            "`{q0}` nu poate sta aici. Într-o `class` poți crea doar variabile și metode; comenzile ca `LedOn();` se pun între `{ }` ale unei metode."),
        new("unexpected-token", ["CS1073"],
            "I did not expect `{q0}` here. Check what is just before it: maybe an operator like `<` or a `,` is missing.",
            "Nu mă așteptam la `{q0}` aici. Verifică ce este chiar înainte: poate lipsește un operator ca `<` sau o `,`."),
        new("identifier-expected", ["CS1001"],
            "A name is missing here. Give it a name made of letters, like `speed`.",
            "Aici lipsește un nume. Dă-i un nume din litere, de exemplu `viteza`."),
        new("switch-needs-parens", ["CS8515"],
            "Put the value after `switch` between `(` and `)`, for example `switch (x)`.",
            "Pune valoarea de după `switch` între `(` și `)`, de exemplu `switch (x)`."),
        new("method-without-body", ["CS8112", "CS0501"],
            "`{q0s}` needs a body: put its code between `{` and `}` right after `{q0s}()`.",
            "`{q0s}` are nevoie de un corp: pune codul lui între `{` și `}` imediat după `{q0s}()`."),

        // ---- Quotes ----
        new("char-too-long", ["CS1012"],
            "Single quotes `' '` hold only one letter. For words use double quotes: \"like this\".",
            "Ghilimelele simple `' '` țin o singură literă. Pentru cuvinte folosește ghilimele duble: \"așa\"."),
        new("empty-char", ["CS1011"],
            "There is nothing between the `' '`. Put one letter inside, or use \"\" for empty text.",
            "Nu e nimic între `' '`. Pune o literă înăuntru sau folosește \"\" pentru text gol."),
        new("unterminated-string", ["CS1010"],
            "This text has no closing `\"`. Add a `\"` at the end of the text, on the same line.",
            "Acest text nu are `\"` de închidere. Pune `\"` la sfârșitul textului, pe același rând."),

        // ---- Names ----
        new("wrong-case-name", ["CS0103"],
            "C# cares about capital letters: did you mean `{suggestion}`?",
            "C# face diferența între literele mari și mici: te-ai gândit la `{suggestion}`?")
        { When = c => c.SuggestionDiffersOnlyByCase },
        new("unknown-name-suggestion", ["CS0103"],
            "I don't know `{name}`. Did you mean `{suggestion}`?",
            "Nu știu ce este `{name}`. Te-ai gândit la `{suggestion}`?")
        { When = c => c.Suggestion is not null },
        new("unknown-command", ["CS0103"],
            "I don't know a command called `{name}`. Check the spelling.",
            "Nu cunosc nicio comandă numită `{name}`. Verifică scrierea.")
        { When = c => c.IsCalled },
        new("unknown-name", ["CS0103"],
            "I don't know `{name}`. Check the spelling, or create it first, for example `int {name} = 0;`.",
            "Nu știu ce este `{name}`. Verifică scrierea sau creează-l mai întâi, de exemplu `int {name} = 0;`."),
        new("wrong-case-member", ["CS1061", "CS0117"],
            "C# cares about capital letters: did you mean `{suggestion}`?",
            "C# face diferența între literele mari și mici: te-ai gândit la `{suggestion}`?")
        { When = c => c.SuggestionDiffersOnlyByCase },
        new("unknown-member-suggestion", ["CS1061", "CS0117"],
            "`{q0}` has no `{name}`. Did you mean `{suggestion}`?",
            "`{q0}` nu are `{name}`. Te-ai gândit la `{suggestion}`?")
        { When = c => c.Suggestion is not null },
        new("unknown-member", ["CS1061", "CS0117"],
            "`{q0}` has no `{name}`. Check the spelling after the `.`.",
            "`{q0}` nu are `{name}`. Verifică scrierea după `.`."),
        new("unknown-type-suggestion", ["CS0246"],
            "I don't know the type `{q0}`. Did you mean `{suggestion}`?",
            "Nu cunosc tipul `{q0}`. Te-ai gândit la `{suggestion}`?")
        { When = c => c.Suggestion is not null },
        new("unknown-type", ["CS0246"],
            "I don't know the type `{q0}`. Check the spelling, for example `int`, `double`, `string` or `bool`.",
            "Nu cunosc tipul `{q0}`. Verifică scrierea, de exemplu `int`, `double`, `string` sau `bool`."),
        new("use-before-declare", ["CS0841"],
            "You use `{q0}` above the line that creates it. Move that line higher up, before the first use of `{q0}`.",
            "Folosești variabila `{q0}` deasupra rândului care o creează. Mută acel rând mai sus, înainte de prima folosire a lui `{q0}`."),
        new("declared-twice", ["CS0128"],
            "You already have a variable called `{q0}`. Use it without the type in front, or pick another name.",
            "Ai deja o variabilă numită `{q0}`. Folosește-o fără tipul în față sau alege alt nume."),
        new("name-used-outside", ["CS0136"],
            "The name `{q0}` is already used around this block. Pick a different name here.",
            "Numele `{q0}` este deja folosit în jurul acestui bloc. Alege alt nume aici."),
        new("unassigned-variable", ["CS0165"],
            "`{q0}` has no value yet. Give it a value first, for example `{q0} = 0;`.",
            "Variabila `{q0}` nu are încă o valoare. Dă-i mai întâi o valoare, de exemplu `{q0} = 0;`."),
        new("var-without-value", ["CS0818"],
            "A `var` needs a value right away, for example `var x = 0;`.",
            "Un `var` are nevoie imediat de o valoare, de exemplu `var x = 0;`."),

        // ---- Types and conversions ----
        new("assignment-in-condition", ["CS0029", "CS0019", "CS0665"],
            "A condition needs `==` to compare. One `=` gives a value; two `==` check if they are equal.",
            "O condiție are nevoie de `==` ca să compare. Un `=` dă o valoare; două `==` verifică dacă sunt egale.")
        { When = c => c.IsAssignmentInCondition },
        new("decimal-to-int", ["CS0266"],
            "A number with decimals (`{from}`) does not fit into type `{to}`. Write `({to})` in front to cut off the decimals.",
            "Un număr cu zecimale (`{from}`) nu încape în tipul `{to}`. Scrie `({to})` în față ca să tai zecimalele.")
        { When = c => c.From is "double" or "float" or "decimal" && c.To is "int" or "long" or "short" or "byte" },
        new("double-to-float", ["CS0664"],
            "Write an `f` after this number to make it a `float`, for example `0.5f`.",
            "Scrie un `f` după acest număr ca să fie `float`, de exemplu `0.5f`."),
        new("explicit-conversion", ["CS0266"],
            "A value of type `{from}` does not fit into type `{to}` by itself. Write `({to})` in front if you are sure.",
            "O valoare de tip `{from}` nu încape singură în tipul `{to}`. Scrie `({to})` în față dacă ești sigur."),
        new("text-to-number", ["CS0029"],
            "Text in quotes is not a number. Remove the quotes, or use `int.Parse(...)`.",
            "Textul între ghilimele nu este un număr. Scoate ghilimelele sau folosește `int.Parse(...)`.")
        { When = c => c.From == "string" && IsNumber(c.To) },
        new("number-to-text", ["CS0029"],
            "A number is not text. Put it in quotes, or add `.ToString()` after it.",
            "Un număr nu este text. Pune-l între ghilimele sau adaugă `.ToString()` după el.")
        { When = c => IsNumber(c.From) && c.To == "string" },
        new("cannot-convert", ["CS0029"],
            "A value of type `{from}` cannot go where type `{to}` is needed. Check the type of the variable.",
            "O valoare de tip `{from}` nu poate sta unde trebuie tipul `{to}`. Verifică tipul variabilei."),
        new("compare-text-number", ["CS0019"],
            "You cannot compare text (`string`) with a number with `{q0}`. Make both of them numbers or both text.",
            "Nu poți compara un text (`string`) cu un număr folosind `{q0}`. Fă-le pe amândouă numere sau pe amândouă text.")
        { When = c => Comparisons.Contains(c.Q(0), StringComparer.Ordinal) && ((c.Q(1) == "string" && IsNumber(c.Q(2))) || (IsNumber(c.Q(1)) && c.Q(2) == "string")) },
        new("operator-wrong-types", ["CS0019"],
            "`{q0}` does not work between types `{q1}` and `{q2}`. Check what is on each side of `{q0}`.",
            "`{q0}` nu merge între tipurile `{q1}` și `{q2}`. Verifică ce ai de fiecare parte a lui `{q0}`."),
        new("operator-wrong-type", ["CS0023"],
            "`{q0}` does not work on type `{q1}`. Check the value after `{q0}`.",
            "`{q0}` nu merge pe tipul `{q1}`. Verifică valoarea de după `{q0}`."),
        new("division-by-zero", ["CS0020"],
            "You cannot divide by zero. Use a different number after `/`.",
            "Nu poți împărți la zero. Folosește alt număr după `/`."),

        // ---- Calls ----
        new("missing-argument", ["CS7036"],
            "`{q1s}` needs a value for `{q0}` between the `( )`.",
            "`{q1s}` are nevoie de o valoare pentru `{q0}` între `( )`."),
        new("wrong-argument-count", ["CS1501"],
            "`{q0}` does not take that many values between the `( )`. Remove the extra ones.",
            "`{q0}` nu primește atâtea valori între `( )`. Șterge-le pe cele în plus."),
        new("wrong-argument-type", ["CS1503"],
            "Value number {arg} between the `( )` should be of type `{to}`, but it is of type `{from}`.",
            "Valoarea cu numărul {arg} dintre `( )` trebuie să fie de tip `{to}`, dar este de tip `{from}`."),
        new("missing-new", ["CS1955", "CS0119"],
            "`{name}` is a type. To make a new one, write `new` in front: `new {name}()`.",
            "`{name}` este un tip. Ca să faci unul nou, scrie `new` în față: `new {name}()`.")
        { When = c => c.IsCalled && c.IsTypeName },
        new("not-a-method", ["CS1955"],
            "`{q0s}` is not something you can call. Remove the `( )` after it.",
            "`{q0s}` nu este ceva ce poți apela. Șterge `( )` de după el."),
        new("new-needs-parens", ["CS1526"],
            "After `new` and the type, add `()`, for example `new Motor()`.",
            "După `new` și tip, pune `()`, de exemplu `new Motor()`."),
        new("wrong-kind", ["CS0118", "CS0119"],
            "`{q0}` cannot be used like this here. Check what `{q0}` is.",
            "`{q0}` nu poate fi folosit așa aici. Verifică ce este `{q0}`."),
        new("missing-call-parens", ["CS0428"],
            "`{q0}` is a command. To run it and use its result, add `()` after it: `{q0}()`.",
            "`{q0}` este o comandă. Ca s-o rulezi și să-i folosești rezultatul, pune `()` după ea: `{q0}()`."),
        new("missing-call-parens-statement", ["CS0201"],
            "To run `{name}`, add `()` after it: `{name}();`.",
            "Ca să rulezi `{name}`, pune `()` după el: `{name}();`.")
        { When = c => c.IsMethodGroup },
        new("not-a-statement", ["CS0201"],
            "This line does nothing by itself. Did you want to give a value with `=` or call something with `( )`?",
            "Acest rând nu face nimic singur. Voiai să dai o valoare cu `=` sau să apelezi ceva cu `( )`?"),
        new("assign-to-non-variable", ["CS0131"],
            "The left side of `=` must be a variable. Write it like `speed = 5;`.",
            "În stânga lui `=` trebuie să fie o variabilă. Scrie așa: `viteza = 5;`."),
        new("read-only-property", ["CS0200"],
            "`{q0s}` can only be read, not changed.",
            "`{q0s}` poate fi doar citit, nu schimbat."),

        // ---- Methods and returns ----
        new("not-all-paths-return", ["CS0161"],
            "`{q0s}` must give back a value with `return` at the end, on every path.",
            "`{q0s}` trebuie să dea înapoi o valoare cu `return` la sfârșit, pe orice drum."),
        new("return-value-in-void", ["CS0127"],
            "This method is `void`: it gives nothing back. Write just `return;`, or change `void` to a type.",
            "Această metodă este `void`: nu dă nimic înapoi. Scrie doar `return;` sau schimbă `void` cu un tip."),
        new("missing-return-value", ["CS0126"],
            "This method must give back a value of type `{q0}`. Write a value after `return`.",
            "Această metodă trebuie să dea înapoi o valoare de tip `{q0}`. Scrie o valoare după `return`."),

        // ---- switch and loops ----
        new("case-fall-through", ["CS0163", "CS8070"],
            "Every `case` must end with `break;`. Add `break;` at the end of `{q0}`.",
            "Fiecare `case` trebuie să se termine cu `break;`. Pune `break;` la sfârșitul lui `{q0}`."),
        new("break-outside-loop", ["CS0139"],
            "`break` and `continue` only work inside a loop (`while`, `for`) or a `switch`.",
            "`break` și `continue` merg doar într-o buclă (`while`, `for`) sau într-un `switch`."),

        // ---- Warnings ----
        new("unreachable-code", ["CS0162"],
            "This code never runs, because something above it always stops or leaves first.",
            "Acest cod nu rulează niciodată, pentru că ceva de deasupra oprește sau iese mereu înainte."),
        new("unused-variable", ["CS0168"],
            "You created `{q0}` but never use it. You can delete it.",
            "Ai creat variabila `{q0}`, dar nu o folosești. O poți șterge."),
        new("assigned-never-used", ["CS0219"],
            "`{q0}` gets a value but is never used. You can delete it.",
            "Variabila `{q0}` primește o valoare, dar nu este folosită nicăieri. O poți șterge."),
        new("unused-local-function", ["CS8321"],
            "You made the command `{q0}` but never use it. Call it with `{q0}(...)`, or delete it.",
            "Ai creat comanda `{q0}`, dar nu o folosești. Apeleaz-o cu `{q0}(...)` sau șterge-o."),
        new("empty-statement", ["CS0642"],
            "There is a `;` right after `if (...)`, so the `if` does nothing. Delete that `;`.",
            "Ai pus `;` imediat după `if (...)`, așa că `if` nu face nimic. Șterge acel `;`."),
        new("compare-to-itself", ["CS1718"],
            "You compare a variable with itself, which is always the same. Did you mean another variable?",
            "Compari o variabilă cu ea însăși, iar rezultatul e mereu același. Te-ai gândit la altă variabilă?"),
    ];

}
