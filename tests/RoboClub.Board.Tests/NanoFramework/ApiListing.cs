namespace RoboClub.Board.Tests.NanoFramework;

/// <summary>One parsed <c>*.api.txt</c> listing: the public surface of one nanoFramework assembly.</summary>
public sealed class ApiListing
{
    public ApiListing(string name, string assemblyName, IReadOnlyList<ApiType> types)
    {
        Name = name;
        AssemblyName = assemblyName;
        Types = types;
    }

    /// <summary>The listing's file name without ".api.txt" (e.g. "nanoFramework.System.Collections").</summary>
    public string Name { get; }

    /// <summary>The assembly name from the "# assembly" header (e.g. "mscorlib").</summary>
    public string AssemblyName { get; }

    /// <summary>Top-level types in listing order; nested types hang off their container.</summary>
    public IReadOnlyList<ApiType> Types { get; }

    /// <summary>True when the listing declares System.Object, i.e. it is a core library.</summary>
    public bool IsCoreLibrary => Types.Any(t => t.Namespace == "System" && t.Name == "Object");

    public IEnumerable<ApiType> AllTypes()
    {
        var stack = new Stack<ApiType>(Types.Reverse());
        while (stack.Count > 0)
        {
            var type = stack.Pop();
            yield return type;
            for (var i = type.Nested.Count - 1; i >= 0; i--)
            {
                stack.Push(type.Nested[i]);
            }
        }
    }
}

public enum ApiTypeKind
{
    Class,
    Struct,
    Interface,
    Enum,
    Delegate,
}

/// <summary>A type declaration line ("class public sealed X : object, I") with its members.</summary>
public sealed class ApiType
{
    public required ApiTypeKind Kind { get; init; }
    public required string Access { get; init; }
    public required IReadOnlyList<string> Modifiers { get; init; }
    public required string Namespace { get; init; }

    /// <summary>Simple name without generic parameters (for a nested type: the innermost name).</summary>
    public required string Name { get; init; }

    /// <summary>Generic parameter list as written, including variance ("&lt;in T, out TResult&gt;"), or "".</summary>
    public required string TypeParameters { get; init; }

    /// <summary>Base class (first, for classes) and interfaces, exactly as listed.</summary>
    public required IReadOnlyList<string> Bases { get; init; }

    /// <summary>For delegates: the signature after the access keyword ("void Action&lt;in T&gt;(T obj)").</summary>
    public string DelegateSignature { get; init; } = "";

    public required IReadOnlyList<string> Attributes { get; init; }
    public List<ApiMember> Members { get; } = new();
    public List<ApiType> Nested { get; } = new();
    public ApiType? DeclaringType { get; init; }

    public int Arity => TypeParameters.Length == 0 ? 0 : TypeParameters.Count(c => c == ',') + 1;

    /// <summary>C# full name as used in signatures: Namespace.Outer.Inner (no generic parameters).</summary>
    public string FullName => DeclaringType is null
        ? (Namespace.Length == 0 ? Name : Namespace + "." + Name)
        : DeclaringType.FullName + "." + Name;

    public override string ToString() => $"{Kind} {FullName}{TypeParameters}";
}

public enum ApiMemberKind
{
    Constructor,
    Field,
    Property,
    Indexer,
    Event,
    Method,
    Operator,
    EnumMember,
}

/// <summary>
/// A member line. <see cref="Signature"/> is the text after the access keyword and modifiers:
/// for a constructor "(int a)", a field "int X = 5", a property "int P { get; set; }",
/// a method "void M&lt;T&gt;(T x)", an enum member "Name = 1". For explicit interface implementations
/// <see cref="IsExplicit"/> is set and the signature names the interface ("int System.Collections.ICollection.Count { get; }").
/// </summary>
public sealed class ApiMember
{
    public required ApiMemberKind Kind { get; init; }
    public required string Access { get; init; }
    public required IReadOnlyList<string> Modifiers { get; init; }
    public required string Signature { get; init; }
    public required bool IsExplicit { get; init; }
    public required IReadOnlyList<string> Attributes { get; init; }

    public bool Has(string modifier) => Modifiers.Contains(modifier);

    public override string ToString() => $"{Kind} {Access} {string.Join(' ', Modifiers)} {Signature}";
}
