namespace RoboClub.Board.Tests.NanoFramework;

/// <summary>
/// Parses the line format documented in shared/nanoframework-api/README.txt (section 1).
/// Throws <see cref="FormatException"/> with file and line for anything it does not understand,
/// so a change of the format shows up as a clear failure rather than as missing stubs.
/// </summary>
public static class ApiListingParser
{
    private static readonly HashSet<string> TypeModifiers = new() { "static", "abstract", "sealed", "readonly", "ref" };

    private static readonly HashSet<string> MemberModifiers = new()
    {
        "static", "abstract", "virtual", "override", "sealed", "readonly", "const", "volatile", "new",
    };

    public static ApiListing ParseFile(string path)
    {
        var name = Path.GetFileName(path);
        if (name.EndsWith(".api.txt", StringComparison.Ordinal))
        {
            name = name[..^".api.txt".Length];
        }
        return Parse(name, File.ReadAllLines(path), path);
    }

    public static ApiListing Parse(string name, IEnumerable<string> lines, string sourceForMessages = "")
    {
        var assemblyName = name;
        var ns = "";
        var topLevel = new List<ApiType>();
        var byName = new Dictionary<string, ApiType>(StringComparer.Ordinal);
        ApiType? current = null;
        var pendingTypeAttributes = new List<string>();
        var pendingMemberAttributes = new List<string>();
        var lineNumber = 0;

        foreach (var rawLine in lines)
        {
            lineNumber++;
            try
            {
                if (rawLine.Length == 0)
                {
                    continue;
                }
                if (rawLine.StartsWith('#'))
                {
                    const string assemblyHeader = "# assembly ";
                    if (rawLine.StartsWith(assemblyHeader, StringComparison.Ordinal))
                    {
                        assemblyName = rawLine[assemblyHeader.Length..].Split(' ')[0];
                    }
                    continue;
                }

                var indented = rawLine.StartsWith("  ", StringComparison.Ordinal);
                var line = rawLine.Trim();
                if (line.StartsWith("attr ", StringComparison.Ordinal))
                {
                    (indented ? pendingMemberAttributes : pendingTypeAttributes).Add(line["attr ".Length..]);
                    continue;
                }

                if (!indented)
                {
                    if (line.StartsWith("namespace ", StringComparison.Ordinal))
                    {
                        ns = line["namespace ".Length..].Trim();
                        current = null;
                        continue;
                    }
                    current = ParseType(line, ns, pendingTypeAttributes.ToList(), byName);
                    pendingTypeAttributes.Clear();
                    if (current.DeclaringType is null)
                    {
                        topLevel.Add(current);
                    }
                    else
                    {
                        current.DeclaringType.Nested.Add(current);
                    }
                    byName[ns + "." + QualifiedDeclarationName(current)] = current;
                    continue;
                }

                if (current is null)
                {
                    throw new FormatException("member line outside a type");
                }
                current.Members.Add(ParseMember(line, pendingMemberAttributes.ToList()));
                pendingMemberAttributes.Clear();
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or IndexOutOfRangeException)
            {
                throw new FormatException($"{sourceForMessages}({lineNumber}): cannot parse \"{rawLine}\": {ex.Message}", ex);
            }
        }

        return new ApiListing(name, assemblyName, topLevel);
    }

    private static string QualifiedDeclarationName(ApiType type) =>
        type.DeclaringType is null ? type.Name : QualifiedDeclarationName(type.DeclaringType) + "+" + type.Name;

    private static ApiType ParseType(string line, string ns, List<string> attributes, Dictionary<string, ApiType> byName)
    {
        var (kindWord, rest) = NextWord(line);
        var (access, afterAccess) = NextWord(rest);
        var kind = kindWord switch
        {
            "class" => ApiTypeKind.Class,
            "struct" => ApiTypeKind.Struct,
            "interface" => ApiTypeKind.Interface,
            "enum" => ApiTypeKind.Enum,
            "delegate" => ApiTypeKind.Delegate,
            _ => throw new FormatException($"unknown type kind '{kindWord}'"),
        };

        var modifiers = new List<string>();
        string declaredName;
        var bases = new List<string>();
        var delegateSignature = "";
        if (kind == ApiTypeKind.Delegate)
        {
            // "ReturnType Name<T>(params)": the name is the last top-level word before the '('.
            delegateSignature = afterAccess;
            var open = SignatureText.IndexOfTopLevel(afterAccess, "(");
            var head = afterAccess[..open];
            var space = LastTopLevelSpace(head);
            declaredName = head[(space + 1)..];
        }
        else
        {
            var remaining = afterAccess;
            while (true)
            {
                var (word, after) = NextWord(remaining);
                if (!TypeModifiers.Contains(word))
                {
                    break;
                }
                modifiers.Add(word);
                remaining = after;
            }
            var colon = SignatureText.IndexOfTopLevel(remaining, " : ");
            declaredName = colon < 0 ? remaining.Trim() : remaining[..colon].Trim();
            if (colon >= 0)
            {
                bases.AddRange(SignatureText.SplitTopLevel(remaining[(colon + 3)..], ','));
            }
        }

        var typeParameters = "";
        var lt = declaredName.IndexOf('<');
        if (lt >= 0)
        {
            typeParameters = declaredName[lt..];
            declaredName = declaredName[..lt];
        }

        ApiType? declaringType = null;
        var plus = declaredName.LastIndexOf('+');
        if (plus >= 0)
        {
            var outerKey = ns + "." + declaredName[..plus];
            if (!byName.TryGetValue(outerKey, out declaringType))
            {
                throw new FormatException($"nested type before its container '{outerKey}'");
            }
            declaredName = declaredName[(plus + 1)..];
        }

        if (delegateSignature.Length > 0 && plus >= 0)
        {
            // The nested delegate's own declaration uses its simple name.
            var open = SignatureText.IndexOfTopLevel(delegateSignature, "(");
            var head = delegateSignature[..open];
            var space = LastTopLevelSpace(head);
            delegateSignature = head[..(space + 1)] + declaredName + typeParameters + delegateSignature[open..];
        }

        return new ApiType
        {
            Kind = kind,
            Access = access,
            Modifiers = modifiers,
            Namespace = ns,
            Name = declaredName,
            TypeParameters = typeParameters,
            Bases = bases,
            DelegateSignature = delegateSignature,
            Attributes = attributes,
            DeclaringType = declaringType,
        };
    }

    private static ApiMember ParseMember(string line, List<string> attributes)
    {
        var (kindWord, rest) = NextWord(line);
        var kind = kindWord switch
        {
            "ctor" => ApiMemberKind.Constructor,
            "field" => ApiMemberKind.Field,
            "property" => ApiMemberKind.Property,
            "indexer" => ApiMemberKind.Indexer,
            "event" => ApiMemberKind.Event,
            "method" => ApiMemberKind.Method,
            "operator" => ApiMemberKind.Operator,
            "member" => ApiMemberKind.EnumMember,
            _ => throw new FormatException($"unknown member kind '{kindWord}'"),
        };

        if (kind == ApiMemberKind.EnumMember)
        {
            return new ApiMember
            {
                Kind = kind, Access = "", Modifiers = Array.Empty<string>(), Signature = rest.Trim(),
                IsExplicit = false, Attributes = attributes,
            };
        }

        var (access, remaining) = NextWord(rest);
        var isExplicit = access == "explicit";
        if (isExplicit)
        {
            access = "";
        }
        else if (access is not ("public" or "protected"))
        {
            throw new FormatException($"unexpected access '{access}'");
        }

        var modifiers = new List<string>();
        while (kind != ApiMemberKind.Constructor)
        {
            var (word, after) = NextWord(remaining);
            if (!MemberModifiers.Contains(word))
            {
                break;
            }
            modifiers.Add(word);
            remaining = after;
        }

        return new ApiMember
        {
            Kind = kind,
            Access = access,
            Modifiers = modifiers,
            Signature = remaining.Trim(),
            IsExplicit = isExplicit,
            Attributes = attributes,
        };
    }

    private static (string Word, string Remainder) NextWord(string text)
    {
        text = text.TrimStart();
        var space = text.IndexOf(' ');
        return space < 0 ? (text, "") : (text[..space], text[(space + 1)..]);
    }

    private static int LastTopLevelSpace(string text)
    {
        var depth = 0;
        var last = -1;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '<' or '[' or '(':
                    depth++;
                    break;
                case '>' or ']' or ')':
                    depth--;
                    break;
                case ' ' when depth == 0:
                    last = i;
                    break;
            }
        }
        return last;
    }
}
