using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RoboClub.Board.Tests.Link;

/// <summary>
/// A quick syntax-level guard for the nanoFramework subset in firmware/RoboClub.Board/Link (the real
/// check compiles against the nanoFramework API stubs; this one only catches the usual slips early).
/// </summary>
public class LinkSubsetRulesTests
{
    private static string LinkFolder()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir != null && !File.Exists(Path.Combine(dir, "RoboClub.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        Assert.NotNull(dir);
        return Path.Combine(dir!, "firmware", "RoboClub.Board", "Link");
    }

    [Fact]
    public void Link_sources_use_only_the_nanoframework_subset()
    {
        var problems = new List<string>();
        string[] bannedNames = { "IsNullOrWhiteSpace", "Span", "ReadOnlySpan", "Task", "ValueTask", "Linq", "Join", "Replace", "GetType", "Clamp", "Now", "Generic" };
        foreach (string file in Directory.GetFiles(LinkFolder(), "*.cs"))
        {
            SyntaxTree tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file), new CSharpParseOptions(LanguageVersion.CSharp9));
            string name = Path.GetFileName(file);
            foreach (SyntaxNode node in tree.GetRoot().DescendantNodes())
            {
                string? problem = node switch
                {
                    GenericNameSyntax g => "generic " + g,
                    NullableTypeSyntax n => "nullable value type " + n,
                    TupleTypeSyntax or TupleExpressionSyntax => "tuple",
                    AwaitExpressionSyntax => "await",
                    QueryExpressionSyntax => "LINQ query",
                    InterpolatedStringExpressionSyntax => "string interpolation (use concatenation)",
                    RecordDeclarationSyntax => "record",
                    FileScopedNamespaceDeclarationSyntax => "file-scoped namespace",
                    AccessorDeclarationSyntax a when a.Keyword.IsKind(SyntaxKind.InitKeyword) => "init accessor",
                    MethodDeclarationSyntax m when m.Modifiers.Any(SyntaxKind.AsyncKeyword) => "async method",
                    IdentifierNameSyntax id when Array.IndexOf(bannedNames, id.Identifier.Text) >= 0
                        && !(id.Parent is MemberAccessExpressionSyntax ma && ma.Expression == id && id.Identifier.Text == "Replace")
                        => "API not in nanoFramework 1.x: " + id.Identifier.Text,
                    _ => null,
                };

                if (problem != null)
                {
                    problems.Add(name + ":" + (node.GetLocation().GetLineSpan().StartLinePosition.Line + 1) + ": " + problem);
                }
            }
        }

        Assert.Empty(problems);
    }
}
