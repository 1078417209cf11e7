namespace RoboClub.Board.Tests.NanoFramework;

/// <summary>
/// What the stubs add beyond the listings, because the C# compiler needs it and the real
/// nanoFramework assembly has it but the listing format does not carry it. Keep this list short and
/// justified: every entry must exist in the real nanoFramework assembly.
/// <list type="number">
/// <item><c>[IndexerName("Chars")]</c> on the <c>System.String</c> indexer (mscorlib). The compiler
///   lowers <c>foreach (char c in text)</c> and <c>switch</c> on strings to calls of
///   <c>String.get_Chars</c> (a "special member"); without the attribute the stub indexer would be
///   <c>get_Item</c> and those statements would fail with CS0656. nanoFramework's String.cs declares
///   <c>[IndexerName("Chars")] public extern char this[int index]</c>; the listing omits the
///   attribute because it does not change what a caller can write.</item>
/// </list>
/// Not added, on purpose (all listed by nanoFramework or absent there and absent here):
/// IsExternalInit is listed by mscorlib 1.17.11 itself (so <c>init</c> accessors compile on
/// nanoFramework); Nullable&lt;T&gt;, ValueTuple, IEquatable&lt;T&gt;, Task and Span&lt;T&gt; are absent
/// and stay absent. Attributes the compiler synthesizes when a corlib lacks them
/// (IsReadOnlyAttribute, IsByRefLikeAttribute, RefSafetyRulesAttribute, ...) are embedded by Roslyn
/// itself, exactly as when the real nanoFramework libraries are built.
/// </summary>
internal static class CorePlumbing
{
    public static IEnumerable<string> ExtraMemberAttributes(ApiListing listing, ApiType type, ApiMember member)
    {
        if (listing.IsCoreLibrary && type.FullName == "System.String" && member.Kind == ApiMemberKind.Indexer)
        {
            yield return "[System.Runtime.CompilerServices.IndexerNameAttribute(\"Chars\")]";
        }
    }
}
