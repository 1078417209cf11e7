namespace RoboClub.Board.Tests.NanoFramework;

/// <summary>Small helpers for the C# fragments the listings contain (nesting-aware splitting, parameters).</summary>
internal static class SignatureText
{
    /// <summary>Index of <paramref name="value"/> outside &lt;&gt;, (), [] and literals; -1 when absent.</summary>
    public static int IndexOfTopLevel(string text, string value, int start = 0)
    {
        var depth = 0;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"' || c == '\'')
            {
                i = SkipLiteral(text, i);
                continue;
            }
            if (depth == 0 && string.CompareOrdinal(text, i, value, 0, value.Length) == 0)
            {
                return i;
            }
            if (c is '<' or '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is '>' or ')' or ']' or '}')
            {
                depth--;
            }
        }
        return -1;
    }

    /// <summary>Splits on <paramref name="separator"/> outside brackets and literals; trims the parts.</summary>
    public static List<string> SplitTopLevel(string text, char separator)
    {
        var parts = new List<string>();
        var start = 0;
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"' || c == '\'')
            {
                i = SkipLiteral(text, i);
                continue;
            }
            if (c is '<' or '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is '>' or ')' or ']' or '}')
            {
                depth--;
            }
            else if (c == separator && depth == 0)
            {
                parts.Add(text[start..i].Trim());
                start = i + 1;
            }
        }
        var last = text[start..].Trim();
        if (last.Length > 0 || parts.Count > 0)
        {
            parts.Add(last);
        }
        return parts;
    }

    /// <summary>Returns the index of the closing quote of the literal that starts at <paramref name="start"/>.</summary>
    public static int SkipLiteral(string text, int start)
    {
        var quote = text[start];
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == quote)
            {
                return i;
            }
        }
        return text.Length - 1;
    }

    /// <summary>
    /// The parameters of "(...)" that starts at the first top-level '(' of <paramref name="signature"/>:
    /// each as (modifier: ""/ref/out/in/params/this, type).
    /// </summary>
    public static List<(string Modifier, string Type)> Parameters(string signature)
    {
        var open = IndexOfTopLevel(signature, "(");
        var close = signature.LastIndexOf(')');
        var inner = signature[(open + 1)..close];
        var result = new List<(string, string)>();
        foreach (var raw in SplitTopLevel(inner, ','))
        {
            var p = raw;
            while (p.StartsWith('['))
            {
                p = p[(IndexOfTopLevel(p, "]", 1) + 1)..].TrimStart();
            }
            var eq = IndexOfTopLevel(p, " = ");
            if (eq >= 0)
            {
                p = p[..eq];
            }
            var modifier = "";
            foreach (var m in new[] { "this ", "params ", "ref ", "out ", "in " })
            {
                if (p.StartsWith(m, StringComparison.Ordinal))
                {
                    modifier = m.Trim();
                    p = p[m.Length..];
                    break;
                }
            }
            var space = p.LastIndexOf(' ');
            result.Add((modifier, p[..space].Trim()));
        }
        return result;
    }
}
