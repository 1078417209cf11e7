using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RoboClub.Compiler.Subset;

/// <summary>
/// Finds, from syntax alone, the C# this slice does not compile (classes, switch, foreach...), each with
/// the span of the construct. Semantic checks (types, unknown functions) happen in code generation.
/// </summary>
internal sealed class SubsetChecker : CSharpSyntaxWalker
{
    readonly List<(UnsupportedConstruct What, Location Where)> _found = new();

    public static List<(UnsupportedConstruct What, Location Where)> Check(SyntaxNode root)
    {
        var c = new SubsetChecker();
        c.Visit(root);
        return c._found;
    }

    void Report(UnsupportedConstruct what, SyntaxNode node) => _found.Add((what, node.GetLocation()));

    // Types: report the declaration and do not look inside (one diagnostic per construct).
    public override void VisitClassDeclaration(ClassDeclarationSyntax node) => Report(UnsupportedConstructs.Classes, node);
    public override void VisitStructDeclaration(StructDeclarationSyntax node) => Report(UnsupportedConstructs.Structs, node);
    public override void VisitRecordDeclaration(RecordDeclarationSyntax node) => Report(UnsupportedConstructs.Records, node);
    public override void VisitInterfaceDeclaration(InterfaceDeclarationSyntax node) => Report(UnsupportedConstructs.Interfaces, node);
    public override void VisitEnumDeclaration(EnumDeclarationSyntax node) => Report(UnsupportedConstructs.Enums, node);
    public override void VisitDelegateDeclaration(DelegateDeclarationSyntax node) => Report(UnsupportedConstructs.Other, node);
    public override void VisitNamespaceDeclaration(NamespaceDeclarationSyntax node) => Report(UnsupportedConstructs.Classes, node);
    public override void VisitFileScopedNamespaceDeclaration(FileScopedNamespaceDeclarationSyntax node) => Report(UnsupportedConstructs.Classes, node);

    public override void VisitQueryExpression(QueryExpressionSyntax node) => Report(UnsupportedConstructs.Linq, node);
    public override void VisitAwaitExpression(AwaitExpressionSyntax node) => Report(UnsupportedConstructs.Async, node);
    public override void VisitTryStatement(TryStatementSyntax node) => Report(UnsupportedConstructs.Exceptions, node);
    public override void VisitThrowStatement(ThrowStatementSyntax node) => Report(UnsupportedConstructs.Exceptions, node);
    public override void VisitThrowExpression(ThrowExpressionSyntax node) => Report(UnsupportedConstructs.Exceptions, node);
    // switch and foreach: code generation checks the types and labels (int/string, constants, lists).
    public override void VisitForEachVariableStatement(ForEachVariableStatementSyntax node) => Report(UnsupportedConstructs.Foreach, node);
    public override void VisitGotoStatement(GotoStatementSyntax node) => Report(UnsupportedConstructs.Goto, node);
    public override void VisitLabeledStatement(LabeledStatementSyntax node) => Report(UnsupportedConstructs.Goto, node);
    public override void VisitUnsafeStatement(UnsafeStatementSyntax node) => Report(UnsupportedConstructs.Unsafe, node);
    public override void VisitFixedStatement(FixedStatementSyntax node) => Report(UnsupportedConstructs.Unsafe, node);
    public override void VisitPointerType(PointerTypeSyntax node) => Report(UnsupportedConstructs.Unsafe, node);
    // Arrays with one dimension are board lists; int[,] and int[][] are not (element types are checked in code generation).
    public override void VisitArrayType(ArrayTypeSyntax node)
    {
        if (node.RankSpecifiers.Count > 1 || node.RankSpecifiers.Any(r => r.Rank > 1) || node.ElementType is ArrayTypeSyntax) Report(UnsupportedConstructs.Arrays, node);
        else base.VisitArrayType(node);
    }

    public override void VisitImplicitArrayCreationExpression(ImplicitArrayCreationExpressionSyntax node)
    {
        if (node.Commas.Count > 0) Report(UnsupportedConstructs.Arrays, node);
        else base.VisitImplicitArrayCreationExpression(node);
    }

    public override void VisitSpreadElement(SpreadElementSyntax node) => Report(UnsupportedConstructs.Lists, node);
    public override void VisitRangeExpression(RangeExpressionSyntax node) => Report(UnsupportedConstructs.IndexFromEnd, node);
    public override void VisitPrefixUnaryExpression(PrefixUnaryExpressionSyntax node)
    {
        if (node.IsKind(SyntaxKind.IndexExpression)) Report(UnsupportedConstructs.IndexFromEnd, node);
        else base.VisitPrefixUnaryExpression(node);
    }
    public override void VisitTupleExpression(TupleExpressionSyntax node) => Report(UnsupportedConstructs.Tuples, node);
    public override void VisitTupleType(TupleTypeSyntax node) => Report(UnsupportedConstructs.Tuples, node);
    public override void VisitIsPatternExpression(IsPatternExpressionSyntax node) => Report(UnsupportedConstructs.Patterns, node);
    public override void VisitLockStatement(LockStatementSyntax node) => Report(UnsupportedConstructs.Other, node);
    public override void VisitUsingStatement(UsingStatementSyntax node) => Report(UnsupportedConstructs.Other, node);
    public override void VisitYieldStatement(YieldStatementSyntax node) => Report(UnsupportedConstructs.Other, node);
    public override void VisitCheckedExpression(CheckedExpressionSyntax node) => Report(UnsupportedConstructs.Other, node);
    public override void VisitCheckedStatement(CheckedStatementSyntax node) => Report(UnsupportedConstructs.Other, node);

    public override void VisitGenericName(GenericNameSyntax node)
    {
        string n = node.Identifier.ValueText;
        if (n == "List") { base.VisitGenericName(node); return; } // List<T>: code generation checks T
        Report(n is "Dictionary" or "HashSet" or "Queue" or "Stack" or "IEnumerable" or "IList" ? UnsupportedConstructs.Lists : UnsupportedConstructs.Generics, node);
    }

    public override void VisitTypeParameterList(TypeParameterListSyntax node) => Report(UnsupportedConstructs.Generics, node);

    // new List<T>() is a board list; new() is checked in code generation (only lists); any other new is an object.
    public override void VisitObjectCreationExpression(ObjectCreationExpressionSyntax node)
    {
        if (node.Type is GenericNameSyntax { Identifier.ValueText: "List" } or QualifiedNameSyntax { Right: GenericNameSyntax { Identifier.ValueText: "List" } })
            base.VisitObjectCreationExpression(node);
        else Report(UnsupportedConstructs.Objects, node);
    }

    public override void VisitBinaryExpression(BinaryExpressionSyntax node)
    {
        if (node.IsKind(SyntaxKind.AsExpression) || node.IsKind(SyntaxKind.IsExpression)) { Report(UnsupportedConstructs.Patterns, node); return; }
        if (node.IsKind(SyntaxKind.CoalesceExpression)) { Report(UnsupportedConstructs.Null, node); return; }
        base.VisitBinaryExpression(node);
    }

    public override void VisitLiteralExpression(LiteralExpressionSyntax node)
    {
        if (node.IsKind(SyntaxKind.NullLiteralExpression) || node.IsKind(SyntaxKind.DefaultLiteralExpression)) Report(UnsupportedConstructs.Null, node);
    }

    public override void VisitConditionalAccessExpression(ConditionalAccessExpressionSyntax node) => Report(UnsupportedConstructs.Null, node);

    public override void VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        if (node.Modifiers.Any(SyntaxKind.AsyncKeyword)) Report(UnsupportedConstructs.Async, node);
        else if (node.Modifiers.Any(SyntaxKind.UnsafeKeyword)) Report(UnsupportedConstructs.Unsafe, node);
        base.VisitLocalFunctionStatement(node);
    }

    public override void VisitParameter(ParameterSyntax node)
    {
        if (node.Modifiers.Count > 0 || node.Default != null) Report(UnsupportedConstructs.RefOut, node);
        base.VisitParameter(node);
    }

    public override void VisitArgument(ArgumentSyntax node)
    {
        if (node.NameColon != null || !node.RefKindKeyword.IsKind(SyntaxKind.None)) { Report(UnsupportedConstructs.RefOut, node); return; }
        base.VisitArgument(node);
    }


    // Lambdas only as the scripts of Every/When/OnMessage/OnButton (code generation checks the symbols too).
    public override void VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node)
    {
        if (IsScriptArgument(node)) base.VisitParenthesizedLambdaExpression(node);
        else Report(UnsupportedConstructs.Lambdas, node);
    }

    public override void VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node) => Report(UnsupportedConstructs.Lambdas, node);

    static bool IsScriptArgument(SyntaxNode lambda)
    {
        if (lambda.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax inv } }) return false;
        string? name = inv.Expression switch
        {
            IdentifierNameSyntax id => id.Identifier.ValueText,
            MemberAccessExpressionSyntax ma => ma.Name.Identifier.ValueText,
            _ => null,
        };
        return name is "Every" or "When" or "OnMessage" or "OnButton";
    }

    public override void VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node) => Report(UnsupportedConstructs.Lambdas, node);
}
