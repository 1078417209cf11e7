using RoboClub.Board.Vm;

namespace RoboClub.Hub;

/// <summary>The board's runtime error codes in words a child understands, in English and Romanian.</summary>
internal static class RuntimeErrorText
{
    public static string For(string code, string language) => (code, language == "ro") switch
    {
        (RuntimeError.DivideByZero, false) => "division by zero: a whole number cannot be divided by 0",
        (RuntimeError.DivideByZero, true) => "împărțire la zero: un număr întreg nu se poate împărți la 0",
        (RuntimeError.Overflow, false) => "the number is too big for a whole number",
        (RuntimeError.Overflow, true) => "numărul e prea mare pentru un număr întreg",
        (RuntimeError.IndexOutOfRange, false) => "that position is not in the list",
        (RuntimeError.IndexOutOfRange, true) => "poziția aceasta nu există în listă",
        (RuntimeError.ListNotCreated, false) => "the list was never created",
        (RuntimeError.ListNotCreated, true) => "lista nu a fost creată",
        (RuntimeError.ListTooLong, false) => "the list is too long for a board (at most 2,000 items)",
        (RuntimeError.ListTooLong, true) => "lista e prea lungă pentru o plăcuță (cel mult 2.000 de elemente)",
        (RuntimeError.TextTooLong, false) => "the text is too long for a board (at most 1,024 characters)",
        (RuntimeError.TextTooLong, true) => "textul e prea lung pentru o plăcuță (cel mult 1.024 de caractere)",
        (RuntimeError.StackOverflow, false) => "too many calls inside calls (does a function call itself forever?)",
        (RuntimeError.StackOverflow, true) => "prea multe apeluri unul în altul (o funcție se apelează la nesfârșit?)",
        (RuntimeError.ConditionTooSlow, false) => "a 'When' condition must be a quick check (no waiting, no long loops)",
        (RuntimeError.ConditionTooSlow, true) => "condiția unui 'When' trebuie să fie o verificare rapidă (fără așteptări și bucle lungi)",
        (RuntimeError.HardwareFailed, false) => "a part of the board did not answer",
        (RuntimeError.HardwareFailed, true) => "o piesă a plăcuței nu a răspuns",
        (RuntimeError.ListChanged, false) => "the list changed while 'foreach' was going through it (use a 'for' loop to change it)",
        (RuntimeError.ListChanged, true) => "lista s-a schimbat în timp ce 'foreach' o parcurgea (folosește o buclă 'for' ca s-o schimbi)",
        (RuntimeError.NotANumber, false) => "this text is not a number",
        (RuntimeError.NotANumber, true) => "textul acesta nu este un număr",
        (RuntimeError.BadArgument, false) => "a value given to this call is not allowed here (for example replacing an empty text)",
        (RuntimeError.BadArgument, true) => "o valoare dată acestei comenzi nu este permisă aici (de exemplu înlocuirea unui text gol)",
        (_, false) => code,
        (_, true) => code,
    };
}
