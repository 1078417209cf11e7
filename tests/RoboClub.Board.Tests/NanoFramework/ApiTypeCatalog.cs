namespace RoboClub.Board.Tests.NanoFramework;

/// <summary>
/// Finds listed types by their C# name across a set of listings: used to pick a base-class
/// constructor for stub constructors and to work out which listing a listing depends on.
/// </summary>
public sealed class ApiTypeCatalog
{
    private readonly Dictionary<string, List<(ApiType Type, ApiListing Listing)>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<ApiListing>> _listingsByPlainName = new(StringComparer.Ordinal);

    public ApiTypeCatalog(IEnumerable<ApiListing> listings)
    {
        foreach (var listing in listings)
        {
            foreach (var type in listing.AllTypes())
            {
                var key = Key(type.FullName, type.Arity);
                if (!_byName.TryGetValue(key, out var list))
                {
                    _byName[key] = list = new List<(ApiType, ApiListing)>();
                }
                list.Add((type, listing));
                if (!_listingsByPlainName.TryGetValue(type.FullName, out var set))
                {
                    _listingsByPlainName[type.FullName] = set = new HashSet<ApiListing>();
                }
                set.Add(listing);
            }
        }
    }

    /// <summary>The type a listed type reference ("System.Exception", "object", "N.Outer.Inner&lt;int&gt;") names.</summary>
    public ApiType? Find(string typeReference) => FindWithListing(typeReference)?.Type;

    public (ApiType Type, ApiListing Listing)? FindWithListing(string typeReference)
    {
        var (name, arity) = Split(typeReference);
        return _byName.TryGetValue(Key(name, arity), out var list) ? list[0] : null;
    }

    /// <summary>
    /// Listings that declare the longest type-name prefix of a dotted name ("N.Enum.Member" -> N.Enum).
    /// Empty when no prefix names a type (e.g. a namespace-only chain).
    /// </summary>
    public IEnumerable<ApiListing> ListingsDeclaringPrefixOf(string dottedName)
    {
        var name = dottedName;
        while (true)
        {
            if (_listingsByPlainName.TryGetValue(name, out var listings))
            {
                return listings;
            }
            var dot = name.LastIndexOf('.');
            if (dot < 0)
            {
                return Array.Empty<ApiListing>();
            }
            name = name[..dot];
        }
    }

    private static string Key(string fullName, int arity) => fullName + "`" + arity;

    private static (string Name, int Arity) Split(string typeReference)
    {
        var text = typeReference.Trim();
        if (text.StartsWith("global::", StringComparison.Ordinal))
        {
            text = text["global::".Length..];
        }
        if (text == "object")
        {
            return ("System.Object", 0);
        }
        var lt = text.IndexOf('<');
        if (lt < 0)
        {
            return (text, 0);
        }
        var args = SignatureText.SplitTopLevel(text[(lt + 1)..text.LastIndexOf('>')], ',');
        return (text[..lt], args.Count);
    }
}
