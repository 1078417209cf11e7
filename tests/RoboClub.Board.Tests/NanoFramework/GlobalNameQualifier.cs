using System.Text;

namespace RoboClub.Board.Tests.NanoFramework;

/// <summary>
/// Every type name in the listings is fully qualified from the root (README section 6), so the
/// stubs write each dotted name as <c>global::</c>Root.Rest. Without that, "System.EventArgs" inside
/// namespace nanoFramework.System.IO.FileSystem would bind to nanoFramework.System. A tiny tokenizer
/// (identifiers, numbers, string/char literals) finds the first identifier of every dotted chain.
/// </summary>
internal static class GlobalNameQualifier
{
    public static string Qualify(string text)
    {
        var output = new StringBuilder(text.Length + 32);
        foreach (var (start, length, isChainRoot) in Tokens(text))
        {
            if (isChainRoot)
            {
                output.Append("global::");
            }
            output.Append(text, start, length);
        }
        return output.ToString();
    }

    /// <summary>Every dotted name in <paramref name="text"/> ("System.Collections.IList.Add"), outside literals.</summary>
    public static IEnumerable<string> DottedNames(string text)
    {
        StringBuilder? chain = null;
        var expectingPart = false;
        foreach (var (start, length, isChainRoot) in Tokens(text))
        {
            var token = text.Substring(start, length);
            if (isChainRoot)
            {
                chain = new StringBuilder(token);
                expectingPart = false;
                continue;
            }
            if (chain is null)
            {
                continue;
            }
            if (token == "." && !expectingPart)
            {
                expectingPart = true;
            }
            else if (expectingPart && IsIdentifierStart(token[0]))
            {
                chain.Append('.').Append(token);
                expectingPart = false;
            }
            else if (!string.IsNullOrWhiteSpace(token) || expectingPart)
            {
                yield return chain.ToString();
                chain = null;
            }
        }
        if (chain is not null)
        {
            yield return chain.ToString();
        }
    }

    /// <summary>Tokens as (start, length, isChainRoot): identifiers, numbers, literals, single punctuation, spaces.</summary>
    private static IEnumerable<(int Start, int Length, bool IsChainRoot)> Tokens(string text)
    {
        var previousSignificant = '\0';
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            int end;
            var isRoot = false;
            if (c == '"' || c == '\'')
            {
                end = SignatureText.SkipLiteral(text, i) + 1;
            }
            else if (char.IsDigit(c))
            {
                end = i + 1;
                while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '.' || text[end] == '_'))
                {
                    end++;
                }
            }
            else if (IsIdentifierStart(c))
            {
                end = i + 1;
                while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
                {
                    end++;
                }
                var next = end;
                while (next < text.Length && text[next] == ' ')
                {
                    next++;
                }
                isRoot = next < text.Length && text[next] == '.' && previousSignificant != '.' && previousSignificant != ':';
            }
            else
            {
                end = i + 1;
            }

            yield return (i, end - i, isRoot);
            for (var k = end - 1; k >= i; k--)
            {
                if (text[k] != ' ')
                {
                    previousSignificant = text[k];
                    break;
                }
            }
            i = end;
        }
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_' || c == '@';
}
