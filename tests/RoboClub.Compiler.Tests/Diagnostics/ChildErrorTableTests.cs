using Microsoft.CodeAnalysis;
using RoboClub.Compiler.Diagnostics;
using RoslynSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace RoboClub.Compiler.Tests.Diagnostics;

/// <summary>
/// One test per row of <see cref="ChildErrorTable"/>: a tiny child program that makes the mistake, compiled
/// with Roslyn; the row must be chosen, with exactly this English and Romanian text, at exactly this place.
/// Case names are the row key, optionally followed by "#variant".
/// </summary>
public class ChildErrorTableTests
{
    /// <param name="Name">Row key, optionally "#variant".</param>
    /// <param name="Source">The child's program (top-level statements; the robot API is in <see cref="ChildProgram.Api"/>).</param>
    /// <param name="Line">Expected 1-based line.</param>
    /// <param name="Column">Expected 1-based column.</param>
    /// <param name="SpanText">Expected source text under the span ("" for a zero-length span).</param>
    public sealed record Case(string Name, string Source, int Line, int Column, string SpanText, string En, string Ro)
    {
        public string EntryKey => Name.Split('#')[0];
        public override string ToString() => Name;
    }

    public static readonly Case[] Cases =
    [
        new("missing-semicolon", """
LedOn()
Wait(500);
""", 1, 8, "",
            "Add a `;` at the end of this line.",
            "Pune `;` la sfârșitul acestui rând."),
        new("missing-semicolon#method-call", """
var m = new Motor();
m.Start()
""", 2, 10, "",
            "Add a `;` at the end of this line.",
            "Pune `;` la sfârșitul acestui rând."),
        new("missing-semicolon-for", """
for (int i = 0 i < 3; i++) { LedOn(); }
""", 1, 16, "i",
            "A `;` is missing just before this. In `for (...)` the three parts are separated by `;`: `for (int i = 0; i < 10; i++)`.",
            "Lipsește un `;` chiar înainte de acest loc. În `for (...)` cele trei părți se despart cu `;`: `for (int i = 0; i < 10; i++)`."),
        new("missing-semicolon-inside", """
if (Distance < 10) { LedOn() }
""", 1, 30, "}",
            "A `;` is missing just before this. Every command ends with `;`.",
            "Lipsește un `;` chiar înainte de acest loc. Fiecare comandă se termină cu `;`."),
        new("missing-call-parens", """
double d = Temperature;
""", 1, 12, "Temperature",
            "`Temperature` is a command. To run it and use its result, add `()` after it: `Temperature()`.",
            "`Temperature` este o comandă. Ca s-o rulezi și să-i folosești rezultatul, pune `()` după ea: `Temperature()`."),
        new("missing-call-parens-statement", """
LedOn;
""", 1, 1, "LedOn",
            "To run `LedOn`, add `()` after it: `LedOn();`.",
            "Ca să rulezi `LedOn`, pune `()` după el: `LedOn();`."),
        new("missing-call-parens-statement#member", """
var m = new Motor();
m.Stop;
""", 2, 1, "m.Stop",
            "To run `Stop`, add `()` after it: `Stop();`.",
            "Ca să rulezi `Stop`, pune `()` după el: `Stop();`."),
        new("unknown-member-suggestion#static", """
Robot.Wiat(100);
""", 1, 7, "Wiat",
            "`Robot` has no `Wiat`. Did you mean `Wait`?",
            "`Robot` nu are `Wiat`. Te-ai gândit la `Wait`?"),
        new("new-needs-parens", """
var m = new Motor;
""", 1, 18, ";",
            "After `new` and the type, add `()`, for example `new Motor()`.",
            "După `new` și tip, pune `()`, de exemplu `new Motor()`."),
        new("case-fall-through#last", """
int x = 1;
switch (x)
{
    case 1:
        LedOn();
        break;
    default:
        LedOff();
}
""", 7, 5, "default:",
            "Every `case` must end with `break;`. Add `break;` at the end of `default:`.",
            "Fiecare `case` trebuie să se termine cu `break;`. Pune `break;` la sfârșitul lui `default:`."),
        new("unexpected-token", """
if (Distance  10) { LedOn(); }
""", 1, 15, "10",
            "I did not expect `10` here. Check what is just before it: maybe an operator like `<` or a `,` is missing.",
            "Nu mă așteptam la `10` aici. Verifică ce este chiar înainte: poate lipsește un operator ca `<` sau o `,`."),
        new("unused-local-function", """
int Twice(int n) { return n * 2; }
LedOn();
""", 1, 5, "Twice",
            "You made the command `Twice` but never use it. Call it with `Twice(...)`, or delete it.",
            "Ai creat comanda `Twice`, dar nu o folosești. Apeleaz-o cu `Twice(...)` sau șterge-o."),
        new("unknown-type-suggestion#short", """
nt x = 5;
Wait(x);
""", 1, 1, "nt",
            "I don't know the type `nt`. Did you mean `int`?",
            "Nu cunosc tipul `nt`. Te-ai gândit la `int`?"),
        new("missing-close-brace", """
if (Distance < 10)
{
    LedOn();
""", 3, 13, "",
            "A `}` is missing. Every `{` needs its own `}` to close it.",
            "Lipsește o acoladă `}`. Fiecare `{` are nevoie de o `}` care o închide."),
        new("missing-open-brace", """
LedOn();
class Car
    public int Speed;
}
""", 2, 10, "",
            "A `{` is missing here. Open the block with `{`.",
            "Aici lipsește o acoladă `{`. Deschide blocul cu `{`."),
        new("extra-close-brace", """
while (true)
    LedOn();
}
""", 3, 1, "}",
            "There is an extra `}` here, or one `{` too few. Count your braces.",
            "Aici este o acoladă `}` în plus sau lipsește o `{`. Numără acoladele."),
        new("missing-close-paren", """
if (Distance < 10 {
    LedOn();
}
""", 1, 19, "{",
            "A `)` is missing. Every `(` needs its own `)` to close it.",
            "Lipsește o paranteză `)`. Fiecare `(` are nevoie de o `)` care o închide."),
        new("missing-open-paren", """
if Distance < 10) {
    LedOn();
}
""", 1, 4, "Distance",
            "A `(` is missing here. Put the condition or the values between `(` and `)`.",
            "Aici lipsește o paranteză `(`. Pune condiția sau valorile între `(` și `)`."),
        new("missing-semicolon-line-end", """
int x = 5
Wait(x);
""", 1, 10, "",
            "Add a `;` at the end of this line.",
            "Pune `;` la sfârșitul acestui rând."),
        new("missing-comma", """
Move(10 20);
""", 1, 9, "20",
            "A `,` is missing here. Separate the values with commas.",
            "Aici lipsește o virgulă `,`. Desparte valorile cu virgule."),
        new("missing-token", """
int a = Distance > 3 ? 1 2;
""", 1, 26, "2",
            "Something is missing here: add `:`.",
            "Aici lipsește ceva: adaugă `:`."),
        new("else-without-if", """
if (Distance < 10)
    LedOn();
    Wait(100);
else
    LedOff();
""", 3, 15, "",
            "This `else` has no `if` right before it. Check for a `;` after the `if (...)` or a missing `}`.",
            "Acest `else` nu are un `if` chiar înainte. Verifică dacă ai pus `;` după `if (...)` sau dacă lipsește o `}`."),
        new("invalid-expression", """
int x = 5 + ;
""", 1, 13, ";",
            "`;` cannot be here. Maybe a value is missing before it.",
            "`;` nu poate sta aici. Poate lipsește o valoare înaintea lui."),
        new("keyword-as-name", """
var if = 3;
""", 1, 5, "if",
            "`if` is a word C# keeps for itself, so it cannot be a name. Choose another name.",
            "`if` este un cuvânt pe care C# îl păstrează pentru el, deci nu poate fi un nume. Alege alt nume."),
        new("keyword-as-name#member", """
LedOn();
class Car { public int class; }
""", 2, 24, "class",
            "`class` is a word C# keeps for itself, so it cannot be a name. Choose another name.",
            "`class` este un cuvânt pe care C# îl păstrează pentru el, deci nu poate fi un nume. Alege alt nume."),
        new("statement-in-class", """
LedOn();
class Car { x = 5; }
""", 2, 15, "=",
            "`=` cannot be here. Inside a `class` you can only create variables and methods; commands like `LedOn();` go inside a method's `{ }`.",
            "`=` nu poate sta aici. Într-o `class` poți crea doar variabile și metode; comenzile ca `LedOn();` se pun între `{ }` ale unei metode."),
        new("method-needs-return-type", """
LedOn();
class Car { LedOn(); }
""", 2, 13, "LedOn",
            "A method needs `void` (or a type) before its name, like `void LedOn() { }`. Commands like `LedOn();` go inside a method's `{ }`.",
            "O metodă are nevoie de `void` (sau de un tip) înaintea numelui, ca `void LedOn() { }`. Comenzile ca `LedOn();` se pun între `{ }` ale unei metode."),
        new("identifier-expected", """
int = 5;
""", 1, 5, "=",
            "A name is missing here. Give it a name made of letters, like `speed`.",
            "Aici lipsește un nume. Dă-i un nume din litere, de exemplu `viteza`."),
        new("switch-needs-parens", """
switch Distance
{
    case 1: break;
}
""", 1, 8, "Distance",
            "Put the value after `switch` between `(` and `)`, for example `switch (x)`.",
            "Pune valoarea de după `switch` între `(` și `)`, de exemplu `switch (x)`."),
        new("method-without-body", """
void Blink();
Blink();
""", 1, 6, "Blink",
            "`Blink` needs a body: put its code between `{` and `}` right after `Blink()`.",
            "`Blink` are nevoie de un corp: pune codul lui între `{` și `}` imediat după `Blink()`."),
        new("char-too-long", """
char c = 'ab';
""", 1, 10, "",
            "Single quotes `' '` hold only one letter. For words use double quotes: \"like this\".",
            "Ghilimelele simple `' '` țin o singură literă. Pentru cuvinte folosește ghilimele duble: \"așa\"."),
        new("empty-char", """
char c = '';
""", 1, 10, "",
            "There is nothing between the `' '`. Put one letter inside, or use \"\" for empty text.",
            "Nu e nimic între `' '`. Pune o literă înăuntru sau folosește \"\" pentru text gol."),
        new("unterminated-string", """
string s = "hello;
Wait(1);
""", 1, 12, "",
            "This text has no closing `\"`. Add a `\"` at the end of the text, on the same line.",
            "Acest text nu are `\"` de închidere. Pune `\"` la sfârșitul textului, pe același rând."),
        new("wrong-case-name", """
wait(500);
""", 1, 1, "wait",
            "C# cares about capital letters: did you mean `Wait`?",
            "C# face diferența între literele mari și mici: te-ai gândit la `Wait`?"),
        new("unknown-name-suggestion", """
Wiat(500);
""", 1, 1, "Wiat",
            "I don't know `Wiat`. Did you mean `Wait`?",
            "Nu știu ce este `Wiat`. Te-ai gândit la `Wait`?"),
        new("unknown-name-suggestion#diacritics", """
int t = temperatura;
""", 1, 9, "temperatura",
            "I don't know `temperatura`. Did you mean `temperatură`?",
            "Nu știu ce este `temperatura`. Te-ai gândit la `temperatură`?"),
        new("unknown-name-suggestion#own-variable", """
int viteza = 5;
Wait(vitza);
""", 2, 6, "vitza",
            "I don't know `vitza`. Did you mean `viteza`?",
            "Nu știu ce este `vitza`. Te-ai gândit la `viteza`?"),
        new("unknown-command", """
Jump(5);
""", 1, 1, "Jump",
            "I don't know a command called `Jump`. Check the spelling.",
            "Nu cunosc nicio comandă numită `Jump`. Verifică scrierea."),
        new("unknown-name", """
Wait(pauza);
""", 1, 6, "pauza",
            "I don't know `pauza`. Check the spelling, or create it first, for example `int pauza = 0;`.",
            "Nu știu ce este `pauza`. Verifică scrierea sau creează-l mai întâi, de exemplu `int pauza = 0;`."),
        new("wrong-case-member", """
var m = new Motor();
m.start();
""", 2, 3, "start",
            "C# cares about capital letters: did you mean `Start`?",
            "C# face diferența între literele mari și mici: te-ai gândit la `Start`?"),
        new("unknown-member-suggestion", """
var m = new Motor();
m.Stpo();
""", 2, 3, "Stpo",
            "`Motor` has no `Stpo`. Did you mean `Stop`?",
            "`Motor` nu are `Stpo`. Te-ai gândit la `Stop`?"),
        new("unknown-member", """
var m = new Motor();
m.Fly();
""", 2, 3, "Fly",
            "`Motor` has no `Fly`. Check the spelling after the `.`.",
            "`Motor` nu are `Fly`. Verifică scrierea după `.`."),
        new("unknown-type-suggestion", """
Strin s = "hi";
""", 1, 1, "Strin",
            "I don't know the type `Strin`. Did you mean `string`?",
            "Nu cunosc tipul `Strin`. Te-ai gândit la `string`?"),
        new("unknown-type", """
Banana b = null;
""", 1, 1, "Banana",
            "I don't know the type `Banana`. Check the spelling, for example `int`, `double`, `string` or `bool`.",
            "Nu cunosc tipul `Banana`. Verifică scrierea, de exemplu `int`, `double`, `string` sau `bool`."),
        new("use-before-declare", """
x = 5;
int x;
""", 1, 1, "x",
            "You use `x` above the line that creates it. Move that line higher up, before the first use of `x`.",
            "Folosești variabila `x` deasupra rândului care o creează. Mută acel rând mai sus, înainte de prima folosire a lui `x`."),
        new("declared-twice", """
int x = 1;
int x = 2;
""", 2, 5, "x",
            "You already have a variable called `x`. Use it without the type in front, or pick another name.",
            "Ai deja o variabilă numită `x`. Folosește-o fără tipul în față sau alege alt nume."),
        new("name-used-outside", """
int x = 1;
for (int i = 0; i < 3; i++) { int x = i; Wait(x); }
Wait(x);
""", 2, 35, "x",
            "The name `x` is already used around this block. Pick a different name here.",
            "Numele `x` este deja folosit în jurul acestui bloc. Alege alt nume aici."),
        new("unassigned-variable", """
int x;
Wait(x);
""", 2, 6, "x",
            "`x` has no value yet. Give it a value first, for example `x = 0;`.",
            "Variabila `x` nu are încă o valoare. Dă-i mai întâi o valoare, de exemplu `x = 0;`."),
        new("var-without-value", """
var x;
""", 1, 5, "x",
            "A `var` needs a value right away, for example `var x = 0;`.",
            "Un `var` are nevoie imediat de o valoare, de exemplu `var x = 0;`."),
        new("assignment-in-condition", """
int x = 3;
if (x = 5) { LedOn(); }
""", 2, 5, "x = 5",
            "A condition needs `==` to compare. One `=` gives a value; two `==` check if they are equal.",
            "O condiție are nevoie de `==` ca să compare. Un `=` dă o valoare; două `==` verifică dacă sunt egale."),
        new("assignment-in-condition#while", """
bool on = false;
while (on = true) { LedOn(); }
""", 2, 8, "on = true",
            "A condition needs `==` to compare. One `=` gives a value; two `==` check if they are equal.",
            "O condiție are nevoie de `==` ca să compare. Un `=` dă o valoare; două `==` verifică dacă sunt egale."),
        new("decimal-to-int", """
int t = Temperature();
""", 1, 9, "Temperature()",
            "A number with decimals (`double`) does not fit into type `int`. Write `(int)` in front to cut off the decimals.",
            "Un număr cu zecimale (`double`) nu încape în tipul `int`. Scrie `(int)` în față ca să tai zecimalele."),
        new("double-to-float", """
float f = 0.5;
""", 1, 11, "0.5",
            "Write an `f` after this number to make it a `float`, for example `0.5f`.",
            "Scrie un `f` după acest număr ca să fie `float`, de exemplu `0.5f`."),
        new("explicit-conversion", """
long big = 5;
int x = big;
""", 2, 9, "big",
            "A value of type `long` does not fit into type `int` by itself. Write `(int)` in front if you are sure.",
            "O valoare de tip `long` nu încape singură în tipul `int`. Scrie `(int)` în față dacă ești sigur."),
        new("text-to-number", """
int x = "5";
""", 1, 9, "\"5\"",
            "Text in quotes is not a number. Remove the quotes, or use `int.Parse(...)`.",
            "Textul între ghilimele nu este un număr. Scoate ghilimelele sau folosește `int.Parse(...)`."),
        new("number-to-text", """
string s = 5;
""", 1, 12, "5",
            "A number is not text. Put it in quotes, or add `.ToString()` after it.",
            "Un număr nu este text. Pune-l între ghilimele sau adaugă `.ToString()` după el."),
        new("cannot-convert", """
bool b = 5;
""", 1, 10, "5",
            "A value of type `int` cannot go where type `bool` is needed. Check the type of the variable.",
            "O valoare de tip `int` nu poate sta unde trebuie tipul `bool`. Verifică tipul variabilei."),
        new("compare-text-number", """
string s = "5";
if (s > 3) { LedOn(); }
""", 2, 5, "s > 3",
            "You cannot compare text (`string`) with a number with `>`. Make both of them numbers or both text.",
            "Nu poți compara un text (`string`) cu un număr folosind `>`. Fă-le pe amândouă numere sau pe amândouă text."),
        new("operator-wrong-types", """
bool b = true;
int x = b + 1;
""", 2, 9, "b + 1",
            "`+` does not work between types `bool` and `int`. Check what is on each side of `+`.",
            "`+` nu merge între tipurile `bool` și `int`. Verifică ce ai de fiecare parte a lui `+`."),
        new("operator-wrong-type", """
string s = "a";
int x = -s;
""", 2, 9, "-s",
            "`-` does not work on type `string`. Check the value after `-`.",
            "`-` nu merge pe tipul `string`. Verifică valoarea de după `-`."),
        new("division-by-zero", """
int x = 10 / 0;
""", 1, 9, "10 / 0",
            "You cannot divide by zero. Use a different number after `/`.",
            "Nu poți împărți la zero. Folosește alt număr după `/`."),
        new("missing-argument", """
Wait();
""", 1, 1, "Wait",
            "`Wait` needs a value for `ms` between the `( )`.",
            "`Wait` are nevoie de o valoare pentru `ms` între `( )`."),
        new("wrong-argument-count", """
Wait(100, 200);
""", 1, 1, "Wait",
            "`Wait` does not take that many values between the `( )`. Remove the extra ones.",
            "`Wait` nu primește atâtea valori între `( )`. Șterge-le pe cele în plus."),
        new("wrong-argument-type", """
Wait("fast");
""", 1, 6, "\"fast\"",
            "Value number 1 between the `( )` should be of type `int`, but it is of type `string`.",
            "Valoarea cu numărul 1 dintre `( )` trebuie să fie de tip `int`, dar este de tip `string`."),
        new("missing-new", """
Motor m = Motor();
""", 1, 11, "Motor",
            "`Motor` is a type. To make a new one, write `new` in front: `new Motor()`.",
            "`Motor` este un tip. Ca să faci unul nou, scrie `new` în față: `new Motor()`."),
        new("not-a-method", """
int d = Distance();
""", 1, 9, "Distance",
            "`Distance` is not something you can call. Remove the `( )` after it.",
            "`Distance` nu este ceva ce poți apela. Șterge `( )` de după el."),
        new("wrong-kind", """
int x = 5;
x y = 3;
""", 2, 1, "x",
            "`x` cannot be used like this here. Check what `x` is.",
            "`x` nu poate fi folosit așa aici. Verifică ce este `x`."),
        new("not-a-statement", """
int x = 5;
x == 5;
""", 2, 1, "x == 5",
            "This line does nothing by itself. Did you want to give a value with `=` or call something with `( )`?",
            "Acest rând nu face nimic singur. Voiai să dai o valoare cu `=` sau să apelezi ceva cu `( )`?"),
        new("assign-to-non-variable", """
int x = 5;
5 = x;
""", 2, 1, "5",
            "The left side of `=` must be a variable. Write it like `speed = 5;`.",
            "În stânga lui `=` trebuie să fie o variabilă. Scrie așa: `viteza = 5;`."),
        new("read-only-property", """
var m = new Motor();
m.Port = 3;
""", 2, 1, "m.Port",
            "`Port` can only be read, not changed.",
            "`Port` poate fi doar citit, nu schimbat."),
        new("not-all-paths-return", """
int Twice(int n)
{
    if (n > 0) return n * 2;
}
Wait(Twice(3));
""", 1, 5, "Twice",
            "`Twice` must give back a value with `return` at the end, on every path.",
            "`Twice` trebuie să dea înapoi o valoare cu `return` la sfârșit, pe orice drum."),
        new("return-value-in-void", """
void Blink()
{
    LedOn();
    return 5;
}
Blink();
""", 4, 5, "return",
            "This method is `void`: it gives nothing back. Write just `return;`, or change `void` to a type.",
            "Această metodă este `void`: nu dă nimic înapoi. Scrie doar `return;` sau schimbă `void` cu un tip."),
        new("missing-return-value", """
int Twice(int n)
{
    return;
}
Wait(Twice(3));
""", 3, 5, "return",
            "This method must give back a value of type `int`. Write a value after `return`.",
            "Această metodă trebuie să dea înapoi o valoare de tip `int`. Scrie o valoare după `return`."),
        new("case-fall-through", """
int x = 1;
switch (x)
{
    case 1:
        LedOn();
    case 2:
        LedOff();
        break;
}
""", 4, 5, "case 1:",
            "Every `case` must end with `break;`. Add `break;` at the end of `case 1:`.",
            "Fiecare `case` trebuie să se termine cu `break;`. Pune `break;` la sfârșitul lui `case 1:`."),
        new("break-outside-loop", """
LedOn();
break;
""", 2, 1, "break;",
            "`break` and `continue` only work inside a loop (`while`, `for`) or a `switch`.",
            "`break` și `continue` merg doar într-o buclă (`while`, `for`) sau într-un `switch`."),
        new("unreachable-code", """
while (true)
{
    LedOn();
}
LedOff();
""", 5, 1, "LedOff",
            "This code never runs, because something above it always stops or leaves first.",
            "Acest cod nu rulează niciodată, pentru că ceva de deasupra oprește sau iese mereu înainte."),
        new("unused-variable", """
int x;
LedOn();
""", 1, 5, "x",
            "You created `x` but never use it. You can delete it.",
            "Ai creat variabila `x`, dar nu o folosești. O poți șterge."),
        new("assigned-never-used", """
int x = 5;
LedOn();
""", 1, 5, "x",
            "`x` gets a value but is never used. You can delete it.",
            "Variabila `x` primește o valoare, dar nu este folosită nicăieri. O poți șterge."),
        new("empty-statement", """
if (Distance < 10);
{
    LedOn();
}
""", 1, 19, ";",
            "There is a `;` right after `if (...)`, so the `if` does nothing. Delete that `;`.",
            "Ai pus `;` imediat după `if (...)`, așa că `if` nu face nimic. Șterge acel `;`."),
        new("compare-to-itself", """
int x = 5;
if (x == x) { LedOn(); }
""", 2, 5, "x == x",
            "You compare a variable with itself, which is always the same. Did you mean another variable?",
            "Compari o variabilă cu ea însăși, iar rezultatul e mereu același. Te-ai gândit la altă variabilă?"),
    ];

    public static TheoryData<string> CaseNames() => new(Cases.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Entry_is_chosen_with_its_text_and_place(string name)
    {
        Case c = Cases.Single(x => x.Name == name);
        ChildProgram.Result result = ChildProgram.Compile(c.Source);

        ChildDiagnostic[] matching = result.Translated.Where(d => d.EntryKey == c.EntryKey).ToArray();
        Assert.True(matching.Length == 1,
            $"expected exactly one '{c.EntryKey}', got: " + string.Join(" | ", result.Translated.Select(d => $"{d.Id}/{d.EntryKey ?? "-"} {d.MessageEn}")));
        ChildDiagnostic d = matching[0];

        ChildErrorEntry entry = ChildErrorTable.Entries.Single(e => e.Key == c.EntryKey);
        Assert.Contains(d.Id, entry.Ids);
        Assert.Equal(c.En, d.MessageEn);
        Assert.Equal(c.Ro, d.MessageRo);
        Assert.Equal(c.Line, d.Line);
        Assert.Equal(c.Column, d.Column);
        Assert.Equal(c.SpanText, c.Source.Substring(d.Start, d.Length));
        Assert.False(string.IsNullOrWhiteSpace(d.OriginalMessage));

        // Line/column agree with Start.
        var position = result.Tree.GetText().Lines.GetLinePosition(d.Start);
        Assert.Equal((c.Line, c.Column), (position.Line + 1, position.Character + 1));
    }

    [Fact]
    public void Every_entry_has_a_test_case()
    {
        var tested = Cases.Select(c => c.EntryKey).ToHashSet();
        string[] untested = ChildErrorTable.Entries.Select(e => e.Key).Where(k => !tested.Contains(k)).ToArray();
        Assert.Empty(untested);
        Assert.All(Cases, c => Assert.Contains(ChildErrorTable.Entries, e => e.Key == c.EntryKey));
    }

    [Fact]
    public void Table_has_at_least_40_unique_entries()
    {
        Assert.True(ChildErrorTable.Entries.Count >= 40, $"only {ChildErrorTable.Entries.Count} entries");
        Assert.Equal(ChildErrorTable.Entries.Count, ChildErrorTable.Entries.Select(e => e.Key).Distinct().Count());
    }

    [Fact]
    public void Every_entry_has_english_and_romanian_text_and_ids()
    {
        Assert.All(ChildErrorTable.Entries, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.En), e.Key);
            Assert.False(string.IsNullOrWhiteSpace(e.Ro), e.Key);
            Assert.NotEmpty(e.Ids);
            Assert.All(e.Ids, id => Assert.Matches("^CS[0-9]{4}$", id));
            Assert.NotEqual(e.En, e.Ro);
        });
    }

    [Fact]
    public void Romanian_text_uses_comma_below_diacritics_never_cedilla()
    {
        // ş (U+015F), Ş (U+015E), ţ (U+0163), Ţ (U+0162) are the wrong, cedilla forms; ș ț are right.
        char[] cedilla = ['\u015F', '\u015E', '\u0163', '\u0162'];
        Assert.All(ChildErrorTable.Entries, e => Assert.True(e.Ro.IndexOfAny(cedilla) < 0, $"{e.Key}: {e.Ro}"));
        // The Romanian texts really are Romanian: together they use every Romanian diacritic.
        string all = string.Concat(ChildErrorTable.Entries.Select(e => e.Ro));
        Assert.All("ăâîșț", ch => Assert.Contains(ch, all));
        // No English-only text was left in the Romanian column.
        Assert.All(ChildErrorTable.Entries, e => Assert.DoesNotContain("did you mean", e.Ro, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Templates_only_use_known_placeholders_and_the_same_ones_in_both_languages()
    {
        Assert.All(ChildErrorTable.Entries, e =>
        {
            string[] en = DiagnosticContext.PlaceholderRegex().Matches(e.En).Select(m => m.Groups[1].Value).Distinct().Order().ToArray();
            string[] ro = DiagnosticContext.PlaceholderRegex().Matches(e.Ro).Select(m => m.Groups[1].Value).Distinct().Order().ToArray();
            Assert.Equal(en, ro);
            Assert.All(en, p => Assert.Contains(p, DiagnosticContext.Placeholders));
        });
    }

    [Fact]
    public void Unknown_diagnostics_pass_through_with_a_plain_prefix()
    {
        const string source = "LedOn();\ngoto nowhere;\n";
        ChildProgram.Result result = ChildProgram.Compile(source);
        ChildDiagnostic d = Assert.Single(result.Translated);
        Assert.Equal("CS0159", d.Id);
        Assert.Null(d.EntryKey);
        Assert.Equal("The C# compiler says: No such label 'nowhere' within the scope of the goto statement", d.MessageEn);
        Assert.Equal("Compilatorul C# spune: No such label 'nowhere' within the scope of the goto statement", d.MessageRo);
        Assert.Equal(d.OriginalMessage, d.MessageEn[ChildDiagnostics.PassThroughEn.Length..]);
        Assert.True(d.IsError);
        Assert.Equal((2, 6), (d.Line, d.Column));
        Assert.Equal("nowhere", source.Substring(d.Start, d.Length));
    }

    [Fact]
    public void A_row_whose_placeholder_would_be_empty_is_skipped()
    {
        // Without its ')' the parameter list loses its name, so Roslyn's CS7036 quotes an empty parameter name.
        ChildProgram.Result result = ChildProgram.Compile("int Twice(int n { return n * 2; }\nWait(Twice(3));");
        Assert.All(result.Translated, d => Assert.DoesNotContain("``", d.MessageEn, StringComparison.Ordinal));
        Assert.All(result.Translated, d => Assert.DoesNotContain("``", d.MessageRo, StringComparison.Ordinal));
    }

    [Fact]
    public void Keyword_as_name_also_reads_the_keyword_from_CS1041()
    {
        // Current Roslyn reports CS1001 for `int int = 5;`; older versions and some positions report CS1041,
        // whose message quotes the keyword. Build one by hand at the keyword's place.
        const string source = "int int = 5;";
        SyntaxTree tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source);
        var descriptor = new DiagnosticDescriptor("CS1041", "Identifier expected", "Identifier expected; '{0}' is a keyword", "Compiler", RoslynSeverity.Error, true);
        var at = Location.Create(tree, new Microsoft.CodeAnalysis.Text.TextSpan(4, 3));
        ChildDiagnostic d = ChildDiagnostics.Translate(Diagnostic.Create(descriptor, at, "int"), tree, []);
        Assert.Equal("keyword-as-name", d.EntryKey);
        Assert.Equal("`int` is a word C# keeps for itself, so it cannot be a name. Choose another name.", d.MessageEn);
        Assert.Equal((1, 5, 4, 3), (d.Line, d.Column, d.Start, d.Length));

        // With the span not on the keyword, the name comes from the message.
        var elsewhere = Location.Create(tree, new Microsoft.CodeAnalysis.Text.TextSpan(0, 0));
        ChildDiagnostic e = ChildDiagnostics.Translate(Diagnostic.Create(descriptor, elsewhere, "while"), tree, []);
        Assert.Equal("`while` is a word C# keeps for itself, so it cannot be a name. Choose another name.", e.MessageEn);
    }

    [Fact]
    public void Warnings_are_marked_as_not_errors()
    {
        ChildDiagnostic d = Assert.Single(ChildProgram.Compile("int x;\nLedOn();").Translated);
        Assert.Equal("unused-variable", d.EntryKey);
        Assert.False(d.IsError);
    }

    [Fact]
    public void TranslateAll_drops_cascades_at_the_same_place_and_orders_by_position()
    {
        // 'else' without 'if' makes Roslyn report six errors at the same place.
        const string source = "if (Distance < 10)\n    LedOn();\n    Wait(100);\nelse\n    LedOff();\nint x;\n";
        ChildProgram.Result result = ChildProgram.Compile(source);
        Assert.True(result.Diagnostics.Count >= 5);
        Assert.Equal(["else-without-if", "unused-variable"], result.Translated.Select(d => d.EntryKey));
        Assert.Equal(result.Translated.OrderBy(d => d.Start).ToArray(), result.Translated);
    }

    [Fact]
    public void TranslateAll_drops_later_syntax_cascades_on_the_same_line()
    {
        // The unterminated string also makes Roslyn expect a ',' further on the same line.
        ChildProgram.Result result = ChildProgram.Compile("string s = \"hello;\nWait(1);");
        Assert.Contains(result.Diagnostics, d => d.Id == "CS1003");
        ChildDiagnostic d = Assert.Single(result.Translated);
        Assert.Equal("unterminated-string", d.EntryKey);
    }

    [Fact]
    public void TranslateAll_keeps_errors_on_different_lines_in_order()
    {
        ChildProgram.Result result = ChildProgram.Compile("Wiat(1);\nLedOn()\nWait(\"x\");");
        Assert.Equal(["unknown-name-suggestion", "missing-semicolon", "wrong-argument-type"], result.Translated.Select(d => d.EntryKey));
        Assert.Equal([1, 2, 3], result.Translated.Select(d => d.Line));
    }

    [Fact]
    public void Translate_without_a_semantic_model_suggests_members_from_known_names()
    {
        const string source = "var m = new Motor();\nm.Stpo();";
        ChildProgram.Result result = ChildProgram.Compile(source);
        Diagnostic raw = Assert.Single(result.Diagnostics);
        ChildDiagnostic withoutModel = ChildDiagnostics.Translate(raw, result.Tree, ["Start", "Stop"]);
        Assert.Equal("`Motor` has no `Stpo`. Did you mean `Stop`?", withoutModel.MessageEn);
        ChildDiagnostic nothingKnown = ChildDiagnostics.Translate(raw, result.Tree, []);
        Assert.Equal("unknown-member", nothingKnown.EntryKey);
    }
}
