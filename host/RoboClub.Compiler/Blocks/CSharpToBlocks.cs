using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RoboClub.Compiler.Blocks;

/// <summary>C# that has no block form: where it is (1-based line and column, length in characters) and why, in English and Romanian.</summary>
public sealed record BlocksNote(int Line, int Column, int Length, string ReasonEn, string ReasonRo)
{
    public string Reason(string lang) => lang == "ro" ? ReasonRo : ReasonEn;
}

/// <summary>The blocks of a C# program: the Blockly workspace JSON and what stayed as text (grey C# blocks).</summary>
public sealed record BlocksResult(JsonObject Workspace, IReadOnlyList<BlocksNote> Notes)
{
    public string Json => Workspace.ToJsonString(new JsonSerializerOptions { WriteIndented = true, MaxDepth = BlocksToCSharp.MaxJsonDepth, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    /// <summary>True when every statement became a block (no grey C# blocks).</summary>
    public bool Complete => Notes.Count == 0;
}

/// <summary>
/// C# → Blockly workspace JSON with Roslyn. Code inside the block subset becomes blocks (ids derived from the
/// source position: "b{start}_{length}", synthesized shadows "{parent}.{INPUT}"); a statement with no block
/// form becomes a grey <c>csharp_statement</c> block holding its exact text (a value with no block form: a
/// <c>csharp_expression</c> block), and is reported. A program with syntax errors stays one grey block.
/// Never throws.
/// </summary>
public static class CSharpToBlocks
{
    static CSharpParseOptions ParseOptions => ChildCompiler.ParseOptions;

    const string NoBlockEn = "This C# has no block yet; it stays as text in a grey block.";
    const string NoBlockRo = "Acest C# nu are încă un bloc; rămâne ca text într-un bloc gri.";

    public static BlocksResult Convert(string source)
    {
        source ??= "";
        try
        {
            if (source.Length > 200_000 || Deep(source)) return Whole(source, "The program is too big or too deeply nested for blocks.", "Programul e prea mare sau prea adânc pentru blocuri.");
            return new Converter(source).Run();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Whole(source, "The program could not be turned into blocks.", "Programul nu a putut fi transformat în blocuri.");
        }
    }

    static bool Deep(string s)
    {
        int depth = 0;
        foreach (var c in s)
        {
            if (c is '(' or '{' or '[') { if (++depth > 100) return true; }
            else if (c is ')' or '}' or ']') depth = Math.Max(0, depth - 1);
        }
        return false;
    }

    /// <summary>The whole program as one grey block (syntax errors, or input too big to convert).</summary>
    static BlocksResult Whole(string source, string en, string ro, IReadOnlyList<BlocksNote>? notes = null)
    {
        var blocks = new JsonArray();
        if (source.Trim().Length > 0)
        {
            var raw = new JsonObject { ["type"] = "csharp_statement", ["id"] = "raw", ["fields"] = new JsonObject { ["CODE"] = source.Trim() } };
            blocks.Add(new JsonObject { ["type"] = "event_start", ["id"] = "start", ["x"] = 20, ["y"] = 20, ["inputs"] = new JsonObject { ["DO"] = new JsonObject { ["block"] = raw } } });
        }
        var ws = new JsonObject { ["blocks"] = new JsonObject { ["languageVersion"] = 0, ["blocks"] = blocks } };
        return new BlocksResult(ws, notes ?? [new BlocksNote(1, 1, source.Length, en, ro)]);
    }

    /// <summary>C# operator precedence of an expression (as <see cref="BlocksToCSharp"/> uses it for parentheses).</summary>
    internal static int PrecOf(ExpressionSyntax e) => e switch
    {
        ConditionalExpressionSyntax => 3,
        BinaryExpressionSyntax b => b.Kind() switch
        {
            SyntaxKind.CoalesceExpression => 2,
            SyntaxKind.LogicalOrExpression => 4,
            SyntaxKind.LogicalAndExpression => 5,
            SyntaxKind.BitwiseOrExpression => 6,
            SyntaxKind.ExclusiveOrExpression => 7,
            SyntaxKind.BitwiseAndExpression => 8,
            SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression => 9,
            SyntaxKind.LessThanExpression or SyntaxKind.LessThanOrEqualExpression or SyntaxKind.GreaterThanExpression
                or SyntaxKind.GreaterThanOrEqualExpression or SyntaxKind.IsExpression or SyntaxKind.AsExpression => 10,
            SyntaxKind.LeftShiftExpression or SyntaxKind.RightShiftExpression or SyntaxKind.UnsignedRightShiftExpression => 11,
            SyntaxKind.AddExpression or SyntaxKind.SubtractExpression => 12,
            _ => 13,
        },
        PrefixUnaryExpressionSyntax or CastExpressionSyntax => 15,
        AssignmentExpressionSyntax or LambdaExpressionSyntax => 1,
        IsPatternExpressionSyntax => 10,
        RangeExpressionSyntax => 14,
        SwitchExpressionSyntax => 14,
        _ => 16,
    };

    static readonly Dictionary<string, BlockDef> CallTemplates = new(StringComparer.Ordinal);
    static readonly Dictionary<string, BlockDef> PropertyTemplates = new(StringComparer.Ordinal);

    static CSharpToBlocks()
    {
        foreach (var d in BlockCatalog.All.Where(d => d.Template))
        {
            var t = d.CSharp.TrimEnd(';');
            int paren = t.IndexOf('(');
            if (paren < 0) PropertyTemplates[t] = d;
            else CallTemplates[t[..paren] + "/" + d.Args.Count(a => a.Kind == ArgKind.Value)] = d;
        }
    }

    /// <summary>The value arguments of a template block in the order its C# lists them.</summary>
    internal static List<string> TemplateArgs(BlockDef d)
    {
        var list = new List<string>();
        var t = d.CSharp;
        for (int i = t.IndexOf('{'); i >= 0; i = t.IndexOf('{', i + 1))
            list.Add(t[(i + 1)..t.IndexOf('}', i)]);
        return list;
    }

    sealed class Converter(string source)
    {
        readonly List<BlocksNote> notes = new();
        readonly Dictionary<string, JsonObject> variables = new(StringComparer.Ordinal); // name → {name,id,type?}
        readonly Dictionary<string, string> declaredTypes = new(StringComparer.Ordinal);
        readonly Dictionary<string, string> returnTypes = new(StringComparer.Ordinal);
        readonly Dictionary<string, LocalFunctionStatementSyntax> functions = new(StringComparer.Ordinal);
        SyntaxTree tree = null!;
        SemanticModel? model;
        LocalFunctionStatementSyntax? currentFunction;

        public BlocksResult Run()
        {
            tree = CSharpSyntaxTree.ParseText(source, ParseOptions, "program.cs");
            var root = tree.GetCompilationUnitRoot();
            var errors = tree.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                var ns = errors.Take(20).Select(d =>
                {
                    var pos = d.Location.GetLineSpan().StartLinePosition;
                    return new BlocksNote(pos.Line + 1, pos.Character + 1, d.Location.SourceSpan.Length,
                        "The program has a mistake here; fix it to see blocks. " + d.GetMessage(CultureInfo.InvariantCulture),
                        "Programul are o greșeală aici; repar-o ca să vezi blocurile.");
                }).ToList();
                return Whole(source, "", "", ns);
            }
            try
            {
                model = ChildCompiler.WithChildApi(tree).GetSemanticModel(tree);
            }
            catch (Exception e) when (e is not OutOfMemoryException) { model = null; }

            foreach (var g in root.Members.OfType<GlobalStatementSyntax>())
                if (g.Statement is LocalFunctionStatementSyntax f) functions.TryAdd(f.Identifier.ValueText, f);
            PlanNames(root);

            var procBlocks = new List<JsonObject>();
            var start = new List<JsonObject>();
            var events = new List<JsonObject>();
            foreach (var member in root.Members)
            {
                if (member is not GlobalStatementSyntax g) { start.Add(Raw(member)); continue; }
                switch (g.Statement)
                {
                    case LocalFunctionStatementSyntax f when functions.GetValueOrDefault(f.Identifier.ValueText) == f && Function(f) is { } pb:
                        procBlocks.Add(pb);
                        continue;
                    case ExpressionStatementSyntax { Expression: InvocationExpressionSyntax inv } es when Event(inv, es) is { } ev:
                        // comments separated from the event by an empty line end the start script; those right above it open its body
                        var lead = es.GetLeadingTrivia();
                        int boundary = 0, newlines = 0;
                        for (int i = 0; i < lead.Count; i++)
                        {
                            if (lead[i].IsKind(SyntaxKind.EndOfLineTrivia) && ++newlines >= 2) boundary = i;
                            else if (lead[i].IsKind(SyntaxKind.SingleLineCommentTrivia) || lead[i].IsKind(SyntaxKind.MultiLineCommentTrivia)) newlines = 0;
                        }
                        start.AddRange(Comments(new SyntaxTriviaList(lead.Take(boundary))));
                        var comments = Comments(new SyntaxTriviaList(lead.Skip(boundary)));
                        if (comments.Count > 0)
                        {
                            if (ev["inputs"] is not JsonObject evIns) ev["inputs"] = evIns = new JsonObject();
                            var body = (evIns["DO"] as JsonObject)?["block"] as JsonObject;
                            if (body != null) { body.Parent!.AsObject().Remove("block"); comments.Add(body); }
                            evIns["DO"] = new JsonObject { ["block"] = Chain(comments) };
                        }
                        events.Add(ev);
                        continue;
                    case LocalDeclarationStatementSyntax decl when decl.Modifiers.Count == 0 && TopDeclaration(decl):
                        start.AddRange(Comments(decl.GetLeadingTrivia()));
                        continue; // declaration with the default value: the variable only
                }
                start.AddRange(Statement(g.Statement));
            }

            start.AddRange(Comments(root.EndOfFileToken.LeadingTrivia));
            // layout: one column, top to bottom (functions, the start block, events), each block given room for its height
            var tops = new JsonArray();
            double y = 20;
            void Place(JsonObject b)
            {
                b["x"] = 20;
                b["y"] = y;
                y += 40 + 28 * Statements(b);
                tops.Add(b);
            }
            foreach (var p in procBlocks) Place(p);
            if (start.Count > 0)
                Place(new JsonObject { ["type"] = "event_start", ["id"] = "start", ["inputs"] = new JsonObject { ["DO"] = new JsonObject { ["block"] = Chain(start) } } });
            foreach (var e in events) Place(e);
            var ws = new JsonObject { ["blocks"] = new JsonObject { ["languageVersion"] = 0, ["blocks"] = tops } };
            var vars = new JsonArray();
            foreach (var v in variables.Values) vars.Add(v);
            if (vars.Count > 0) ws["variables"] = vars;
            // a variable's C# type is kept as Blockly's variable type only where the blocks would infer another one
            var inferred = BlocksToCSharp.InferTypes(ws);
            foreach (var (name, v) in variables)
                if (declaredTypes.TryGetValue(name, out var t) && inferred.GetValueOrDefault((string)v["id"]!) != t) v["type"] = t;
            // the same for the return types of functions
            var returns = BlocksToCSharp.InferReturnTypes(ws);
            foreach (var pb in procBlocks)
            {
                var pname = (string)pb["fields"]!["NAME"]!;
                if (returnTypes.TryGetValue(pname, out var rt) && returns.GetValueOrDefault(pname) is { } it && it != rt)
                {
                    if (pb["extraState"] is not JsonObject es) pb["extraState"] = es = new JsonObject();
                    es["returnType"] = rt;
                }
            }
            return new BlocksResult(ws, notes);
        }

        // ---------- variable names ----------
        readonly Dictionary<ISymbol, string> renames = new(SymbolEqualityComparer.Default);

        /// <summary>
        /// Blockly has one variable per name; C# may have several locals with one name. They share a block variable
        /// unless that would change the program: a name declared in more than one function (or in a function and at
        /// the top level), other than as loop counters only, keeps its name at the top level (else in the first
        /// function) and gets a numbered name elsewhere (<c>i2</c>), so a function never overwrites another's variable.
        /// </summary>
        void PlanNames(CompilationUnitSyntax root)
        {
            if (model == null) return;
            var decls = new List<(ILocalSymbol Sym, string? Home, bool Loop)>();
            foreach (var node in root.DescendantNodes())
            {
                ISymbol? sym = null;
                bool loop = false;
                try
                {
                    switch (node)
                    {
                        case VariableDeclaratorSyntax vd: sym = model.GetDeclaredSymbol(vd); loop = vd.Parent?.Parent is ForStatementSyntax; break;
                        case ForEachStatementSyntax fe: sym = model.GetDeclaredSymbol(fe); loop = true; break;
                    }
                }
                catch (Exception e) when (e is not OutOfMemoryException) { }
                if (sym is not ILocalSymbol l) continue;
                var home = node.Ancestors().OfType<LocalFunctionStatementSyntax>().LastOrDefault();
                decls.Add((l, home == null ? null : Id(home), loop));
            }
            var used = new HashSet<string>(root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText), StringComparer.OrdinalIgnoreCase);
            foreach (var g in decls.GroupBy(d => d.Sym.Name))
            {
                if (g.All(d => d.Loop)) continue;
                var homes = g.Select(d => d.Home).Distinct().ToList();
                if (homes.Count <= 1) continue;
                var keep = homes.Contains(null) ? null : homes[0];
                foreach (var home in homes.Where(h => h != keep))
                {
                    int k = 2;
                    while (used.Contains(g.Key + k)) k++;
                    var name = g.Key + k.ToString(CultureInfo.InvariantCulture);
                    used.Add(name);
                    foreach (var d in g.Where(d => d.Home == home)) renames[d.Sym] = name;
                }
            }
        }

        /// <summary>The block variable's name for a C# declaration or use.</summary>
        string NameOf(SyntaxNode node, string name)
        {
            if (renames.Count == 0 || model == null) return name;
            ISymbol? sym = null;
            try
            {
                sym = node switch
                {
                    VariableDeclaratorSyntax or ForEachStatementSyntax => model.GetDeclaredSymbol(node),
                    _ => model.GetSymbolInfo(node).Symbol,
                };
            }
            catch (Exception e) when (e is not OutOfMemoryException) { }
            return sym != null && renames.TryGetValue(sym, out var n) ? n : name;
        }

        /// <summary>How many statement rows a block takes (itself and every statement inside it): its height for the layout.</summary>
        static int Statements(JsonObject b)
        {
            int n = 1;
            if (b["inputs"] is JsonObject ins)
                foreach (var (_, slot) in ins)
                    if ((slot as JsonObject)?["block"] is JsonObject child && BlockCatalog.Find((string?)child["type"] ?? "")?.IsStatement == true)
                        for (var c = child; c != null; c = (c["next"] as JsonObject)?["block"] as JsonObject) n += Statements(c);
            return n;
        }

        // ---------- ids, notes, raw ----------
        static string Id(SyntaxNode n) => $"b{n.SpanStart}_{n.Span.Length}";

        void Note(SyntaxNode n, string en = NoBlockEn, string ro = NoBlockRo)
        {
            var pos = n.GetLocation().GetLineSpan().StartLinePosition;
            notes.Add(new BlocksNote(pos.Line + 1, pos.Character + 1, n.Span.Length, en, ro));
        }

        /// <summary>Why a statement has no block, for the constructs children meet most.</summary>
        static (string En, string Ro) Reason(SyntaxNode n) => n switch
        {
            DoStatementSyntax => ("'do … while' has no block yet (use 'repeat while'); it stays as text in a grey block.",
                "„do … while” nu are încă un bloc (folosește „repetă cât timp”); rămâne ca text într-un bloc gri."),
            SwitchStatementSyntax => ("'switch' has no block yet (use 'if … else if'); it stays as text in a grey block.",
                "„switch” nu are încă un bloc (folosește „dacă … altfel dacă”); rămâne ca text într-un bloc gri."),
            ForStatementSyntax => ("This 'for' does not count with a fixed step, so it has no block; it stays as text in a grey block.",
                "Acest „for” nu numără cu un pas fix, deci nu are bloc; rămâne ca text într-un bloc gri."),
            ForEachStatementSyntax => ("Only 'foreach' over a list has a block; this stays as text in a grey block.",
                "Doar „foreach” printr-o listă are bloc; acesta rămâne ca text într-un bloc gri."),
            LocalFunctionStatementSyntax => ("Only functions at the top of the program, with int, double, string or bool values, have blocks; this stays as text in a grey block.",
                "Doar funcțiile de la începutul programului, cu valori int, double, string sau bool, au blocuri; aceasta rămâne ca text într-un bloc gri."),
            LocalDeclarationStatementSyntax => ("Only variables of type int, double, string, bool or List have blocks; this stays as text in a grey block.",
                "Doar variabilele de tip int, double, string, bool sau List au blocuri; aceasta rămâne ca text într-un bloc gri."),
            MemberDeclarationSyntax => ("Classes and other declarations have no blocks; this stays as text in a grey block.",
                "Clasele și alte declarații nu au blocuri; acestea rămân ca text într-un bloc gri."),
            ExpressionStatementSyntax { Expression: InvocationExpressionSyntax } => ("This call has no block yet; it stays as text in a grey block.",
                "Acest apel nu are încă un bloc; rămâne ca text într-un bloc gri."),
            _ => (NoBlockEn, NoBlockRo),
        };

        JsonObject Raw(SyntaxNode n) { var (en, ro) = Reason(n); return Raw(n, en, ro); }

        JsonObject Raw(SyntaxNode n, string en, string ro)
        {
            Note(n, en, ro);
            var col = n.GetLocation().GetLineSpan().StartLinePosition.Character;
            var lines = n.ToString().Replace("\r\n", "\n").Split('\n');
            for (int i = 1; i < lines.Length; i++)
            {
                int k = 0;
                while (k < col && k < lines[i].Length && lines[i][k] == ' ') k++;
                lines[i] = lines[i][k..];
            }
            return Block("csharp_statement", Id(n), fields: new() { ["CODE"] = string.Join("\n", lines) });
        }

        JsonObject RawExpr(ExpressionSyntax e)
        {
            Note(e, "This value has no block yet; it stays as text in a grey block.", "Această valoare nu are încă un bloc; rămâne ca text într-un bloc gri.");
            return Block("csharp_expression", Id(e), fields: new() { ["CODE"] = e.ToString() });
        }

        static JsonObject Block(string type, string id, Dictionary<string, JsonNode?>? fields = null, Dictionary<string, JsonObject?>? inputs = null)
        {
            var b = new JsonObject { ["type"] = type, ["id"] = id };
            if (fields is { Count: > 0 })
            {
                var f = new JsonObject();
                foreach (var (k, v) in fields) f[k] = v;
                b["fields"] = f;
            }
            if (inputs != null && inputs.Any(i => i.Value != null))
            {
                var ins = new JsonObject();
                foreach (var (k, v) in inputs)
                {
                    if (v == null) continue;
                    if (v["__shadow"] != null) { v.Remove("__shadow"); ins[k] = new JsonObject { ["shadow"] = v }; }
                    else ins[k] = new JsonObject { ["block"] = v };
                }
                b["inputs"] = ins;
            }
            return b;
        }

        static JsonObject? Chain(List<JsonObject> stmts)
        {
            for (int i = stmts.Count - 2; i >= 0; i--) stmts[i]["next"] = new JsonObject { ["block"] = stmts[i + 1] };
            return stmts.Count > 0 ? stmts[0] : null;
        }

        JsonObject Var(string name)
        {
            if (!variables.TryGetValue(name, out var v))
            {
                // Blockly's variable names ignore case: C#'s x and X become x and X2
                var blocklyName = name;
                for (int k = 2; variables.Values.Any(o => string.Equals((string?)o["name"], blocklyName, StringComparison.OrdinalIgnoreCase)); k++)
                    blocklyName = name + k.ToString(CultureInfo.InvariantCulture);
                variables[name] = v = new JsonObject { ["name"] = blocklyName, ["id"] = "v_" + name };
            }
            return new JsonObject { ["id"] = (string)v["id"]! };
        }

        void Declare(string name, ITypeSymbol? type)
        {
            Var(name);
            var t = CSharpType(type);
            if (t != null) declaredTypes.TryAdd(name, t);
        }

        static string? CSharpType(ITypeSymbol? t) => t?.SpecialType switch
        {
            SpecialType.System_Int32 => "int",
            SpecialType.System_Double or SpecialType.System_Single => "double",
            SpecialType.System_String => "string",
            SpecialType.System_Boolean => "bool",
            _ => t is INamedTypeSymbol { Name: "List", Arity: 1, ContainingNamespace: { Name: "Generic" } } list
                && list.TypeArguments[0].SpecialType is not SpecialType.System_Single && CSharpType(list.TypeArguments[0]) is { } e && !e.StartsWith("List", StringComparison.Ordinal)
                ? $"List<{e}>" : null,
        };

        bool IsList(ExpressionSyntax e) => CSharpType(TypeOf(e))?.StartsWith("List<", StringComparison.Ordinal) == true;

        ITypeSymbol? TypeOf(ExpressionSyntax e)
        {
            try { return model?.GetTypeInfo(e).Type; } catch (Exception ex) when (ex is not OutOfMemoryException) { return null; }
        }

        // ---------- top level ----------
        /// <summary>A top-level declaration whose variables all get the type's default value (or none): no blocks.</summary>
        bool TopDeclaration(LocalDeclarationStatementSyntax decl)
        {
            var type = model?.GetTypeInfo(decl.Declaration.Type).Type;
            var t = CSharpType(type);
            if (t == null) return false;
            foreach (var v in decl.Declaration.Variables)
                if (v.Initializer != null && !IsDefault(v.Initializer.Value, t)) return false;
            foreach (var v in decl.Declaration.Variables) Declare(NameOf(v, v.Identifier.ValueText), type);
            return true;
        }

        static bool IsDefault(ExpressionSyntax e, string type) => (type, e) switch
        {
            ("int" or "double", LiteralExpressionSyntax l) when l.IsKind(SyntaxKind.NumericLiteralExpression) => l.Token.Value is int i ? i == 0 : l.Token.Value is double d && d == 0 && l.Token.Text is "0.0" or "0",
            ("string", LiteralExpressionSyntax l) => l.IsKind(SyntaxKind.StringLiteralExpression) && l.Token.ValueText.Length == 0,
            ("bool", LiteralExpressionSyntax l) => l.IsKind(SyntaxKind.FalseLiteralExpression),
            (_, ObjectCreationExpressionSyntax { Initializer: null, ArgumentList.Arguments.Count: 0 } o) => o.Type.ToString() == type,
            _ => false,
        };

        JsonObject? Function(LocalFunctionStatementSyntax f)
        {
            if (f.TypeParameterList != null || f.Modifiers.Count > 0 || f.AttributeLists.Count > 0 || f.ConstraintClauses.Count > 0) return null;
            var returnType = model?.GetTypeInfo(f.ReturnType).Type;
            bool returns = !(f.ReturnType is PredefinedTypeSyntax p && p.Keyword.IsKind(SyntaxKind.VoidKeyword));
            if (returns && CSharpType(returnType) == null) return null;
            if (returns) returnTypes[f.Identifier.ValueText] = CSharpType(returnType)!;
            var ps = new JsonArray();
            foreach (var prm in f.ParameterList.Parameters)
            {
                if (prm.Modifiers.Count > 0 || prm.Default != null || prm.Type == null) return null;
                var pt = model?.GetTypeInfo(prm.Type).Type;
                if (CSharpType(pt) == null) return null;
                var v = Var(prm.Identifier.ValueText);
                declaredTypes.TryAdd(prm.Identifier.ValueText, CSharpType(pt)!);
                ps.Add(new JsonObject { ["name"] = prm.Identifier.ValueText, ["id"] = (string)v["id"]! });
            }
            var outer = currentFunction;
            currentFunction = f;
            List<JsonObject> stack;
            JsonObject? ret = null;
            if (f.ExpressionBody != null)
            {
                if (returns) { stack = []; ret = Expr(f.ExpressionBody.Expression, null); }
                else stack = ExpressionStatement(f.ExpressionBody.Expression, f.ExpressionBody.Expression) is { } s ? [s] : [Raw(f.ExpressionBody.Expression)];
            }
            else
            {
                var stmts = f.Body!.Statements.ToList();
                // the canonical form declares the function's own variables first, with their default values
                while (stmts.Count > 0 && stmts[0] is LocalDeclarationStatementSyntax ld && ld.Modifiers.Count == 0 && TopDeclaration(ld)) stmts.RemoveAt(0);
                if (returns && stmts.Count > 0 && stmts[^1] is ReturnStatementSyntax { Expression: { } last })
                {
                    stmts.RemoveAt(stmts.Count - 1);
                    ret = Expr(last, null);
                }
                stack = stmts.SelectMany(Statement).ToList();
                stack.AddRange(Comments(f.Body.CloseBraceToken.LeadingTrivia));
            }
            currentFunction = outer;
            stack.InsertRange(0, Comments(f.GetLeadingTrivia()));
            var b = Block(returns ? "procedures_defreturn" : "procedures_defnoreturn", Id(f),
                fields: new() { ["NAME"] = f.Identifier.ValueText },
                inputs: new() { ["STACK"] = Chain(stack), ["RETURN"] = ret });
            if (ps.Count > 0) b["extraState"] = new JsonObject { ["params"] = ps };
            return b;
        }

        JsonObject? Event(InvocationExpressionSyntax inv, StatementSyntax stmt)
        {
            var name = inv.Expression.ToString();
            var args = inv.ArgumentList.Arguments;
            if (args.Any(a => a.NameColon != null || !a.RefKindKeyword.IsKind(SyntaxKind.None))) return null;
            switch (name)
            {
                case "Every" when args.Count == 2 && args[0].Expression is LiteralExpressionSyntax { Token.Value: int ms } && Body(args[1].Expression) is { } body:
                    return Block("event_every", Id(stmt), fields: new() { ["MS"] = ms }, inputs: new() { ["DO"] = body.Item1 });
                case "When" when args.Count == 2 && args[0].Expression is ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 0, ExpressionBody: { } cond, Modifiers.Count: 0 }
                    && Body(args[1].Expression) is { } body:
                    return Block("event_when", Id(stmt), inputs: new() { ["COND"] = Expr(cond, "Boolean"), ["DO"] = body.Item1 });
                case "OnMessage" when args.Count == 2 && args[0].Expression is LiteralExpressionSyntax { Token.Value: string msg } && Body(args[1].Expression) is { } body:
                    return Block("event_message", Id(stmt), fields: new() { ["NAME"] = msg }, inputs: new() { ["DO"] = body.Item1 });
                case "OnButton" when args.Count == 1 && Body(args[0].Expression) is { } body:
                    return Block("event_button", Id(stmt), inputs: new() { ["DO"] = body.Item1 });
            }
            return null;
        }

        /// <summary>A script body: a parameterless lambda (block or expression body) or the name of a parameterless void function.</summary>
        Tuple<JsonObject?>? Body(ExpressionSyntax e)
        {
            switch (e)
            {
                case ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 0, Modifiers.Count: 0 } l:
                    if (l.Block != null) return Tuple.Create(Chain(Statements(l.Block)));
                    if (l.ExpressionBody != null)
                        return Tuple.Create<JsonObject?>(ExpressionStatement(l.ExpressionBody, l.ExpressionBody) ?? Raw(l.ExpressionBody));
                    return null;
                case IdentifierNameSyntax id when functions.TryGetValue(id.Identifier.ValueText, out var f)
                        && f.ParameterList.Parameters.Count == 0 && f.ReturnType is PredefinedTypeSyntax p && p.Keyword.IsKind(SyntaxKind.VoidKeyword):
                    return Tuple.Create<JsonObject?>(Block("procedures_callnoreturn", Id(id)).With("extraState", new JsonObject { ["name"] = id.Identifier.ValueText }));
            }
            return null;
        }

        // ---------- statements ----------
        List<JsonObject> Statement(StatementSyntax s)
        {
            var list = Comments(s.GetLeadingTrivia());
            list.AddRange(StatementCore(s) ?? [Raw(s)]);
            list.AddRange(Comments(s.GetTrailingTrivia()));
            return list;
        }

        List<JsonObject> Body(StatementSyntax s) => s is BlockSyntax b ? Statements(b) : Statement(s);

        List<JsonObject> Statements(BlockSyntax b)
        {
            var list = b.Statements.SelectMany(Statement).ToList();
            list.AddRange(Comments(b.CloseBraceToken.LeadingTrivia));
            return list;
        }

        /// <summary>Comments have no block: each becomes a grey C# block holding it, so it is kept (not reported: it is not code).</summary>
        static List<JsonObject> Comments(SyntaxTriviaList trivia)
            => trivia.Where(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia))
                .Select(t => Block("csharp_statement", $"c{t.SpanStart}", fields: new() { ["CODE"] = t.ToString() })).ToList();

        List<JsonObject>? StatementCore(StatementSyntax s)
        {
            if (s.AttributeLists.Count > 0) return null;
            switch (s)
            {
                case ExpressionStatementSyntax es:
                    return ExpressionStatement(es.Expression, es) is { } eb ? [eb] : null;
                case LocalDeclarationStatementSyntax decl when decl.Modifiers.Count == 0 && !decl.UsingKeyword.IsKind(SyntaxKind.UsingKeyword):
                {
                    var type = model?.GetTypeInfo(decl.Declaration.Type).Type;
                    if (CSharpType(type) == null) return null;
                    var list = new List<JsonObject>();
                    foreach (var v in decl.Declaration.Variables)
                    {
                        if (v.ArgumentList != null) return null;
                        var vname = NameOf(v, v.Identifier.ValueText);
                        Declare(vname, type);
                        if (v.Initializer != null)
                            list.Add(Block("variables_set", Id(v), fields: new() { ["VAR"] = Var(vname) },
                                inputs: new() { ["VALUE"] = Expr(v.Initializer.Value, null) }));
                    }
                    if (decl.Declaration.Variables.Count == 1 && list.Count == 1) list[0]["id"] = Id(decl);
                    return list;
                }
                case IfStatementSyntax ifs:
                {
                    var inputs = new Dictionary<string, JsonObject?>();
                    int n = 0;
                    IfStatementSyntax? cur = ifs;
                    StatementSyntax? elseBody = null;
                    while (cur != null)
                    {
                        inputs["IF" + n] = Expr(cur.Condition, "Boolean");
                        inputs["DO" + n] = Chain(Body(cur.Statement));
                        n++;
                        if (cur.Else?.Statement is IfStatementSyntax next) cur = next;
                        else { elseBody = cur.Else?.Statement; cur = null; }
                    }
                    if (elseBody != null) inputs["ELSE"] = Chain(Body(elseBody));
                    var b = Block("controls_if", Id(s), inputs: inputs);
                    if (n > 1 || elseBody != null)
                    {
                        var es = new JsonObject();
                        if (n > 1) es["elseIfCount"] = n - 1;
                        if (elseBody != null) es["hasElse"] = true;
                        b["extraState"] = es;
                    }
                    return [b];
                }
                case WhileStatementSyntax ws:
                {
                    if (ws.Condition is LiteralExpressionSyntax { Token.Value: true })
                        return [Block("controls_forever", Id(s), inputs: new() { ["DO"] = Chain(Body(ws.Statement)) })];
                    bool until = ws.Condition is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression, Operand: ParenthesizedExpressionSyntax };
                    var cond = until ? ((ParenthesizedExpressionSyntax)((PrefixUnaryExpressionSyntax)ws.Condition).Operand).Expression : ws.Condition;
                    return [Block("controls_whileUntil", Id(s), fields: new() { ["MODE"] = until ? "UNTIL" : "WHILE" },
                        inputs: new() { ["BOOL"] = Expr(cond, "Boolean"), ["DO"] = Chain(Body(ws.Statement)) })];
                }
                case ForStatementSyntax fs:
                    return For(fs) is { } f ? [f] : null;
                case ForEachStatementSyntax fe when fe.AwaitKeyword.IsKind(SyntaxKind.None) && IsList(fe.Expression)
                        && CSharpType(model?.GetTypeInfo(fe.Type).Type) is { } ft && !ft.StartsWith("List", StringComparison.Ordinal):
                    Declare(NameOf(fe, fe.Identifier.ValueText), model?.GetTypeInfo(fe.Type).Type);
                    return [Block("list_for_each", Id(s), fields: new() { ["VAR"] = Var(NameOf(fe, fe.Identifier.ValueText)) },
                        inputs: new() { ["LIST"] = Expr(fe.Expression, "Array"), ["DO"] = Chain(Body(fe.Statement)) })];
                case BreakStatementSyntax:
                    return [Block("controls_flow_statements", Id(s), fields: new() { ["FLOW"] = "BREAK" })];
                case ContinueStatementSyntax:
                    return [Block("controls_flow_statements", Id(s), fields: new() { ["FLOW"] = "CONTINUE" })];
                case ReturnStatementSyntax rs when currentFunction != null:
                    return [Block("function_return", Id(s), inputs: new() { ["VALUE"] = rs.Expression == null ? null : Expr(rs.Expression, null) })];
                case EmptyStatementSyntax:
                    return [];
            }
            return null;
        }

        JsonObject? For(ForStatementSyntax fs)
        {
            // counting loop: for (int v = A; v <= B; v++ | v += C) / for (int v = A; v >= B; v-- | v -= n)
            // repeat: for (int i = 0; i < N; i++) with i unused in the body
            string? name = null, blockName = null;
            ExpressionSyntax? from = null;
            bool declared = false;
            if (fs.Declaration is { Variables.Count: 1 } d && fs.Initializers.Count == 0 && d.Variables[0].Initializer is { } init)
            {
                if (CSharpType(model?.GetTypeInfo(d.Type).Type) is not ("int" or "double")) return null;
                name = d.Variables[0].Identifier.ValueText; from = init.Value; declared = true;
                blockName = NameOf(d.Variables[0], name);
            }
            else if (fs.Declaration == null && fs.Initializers.Count == 1 && fs.Initializers[0] is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: IdentifierNameSyntax lid } a)
            {
                name = lid.Identifier.ValueText; from = a.Right;
                blockName = NameOf(lid, name);
            }
            if (name == null || from == null || fs.Condition is not BinaryExpressionSyntax cond || fs.Incrementors.Count != 1) return null;
            if (cond.Left is not IdentifierNameSyntax cl || cl.Identifier.ValueText != name) return null;
            var inc = fs.Incrementors[0];
            bool IsVar(ExpressionSyntax e) => e is IdentifierNameSyntax i && i.Identifier.ValueText == name;
            bool usedInBody = fs.Statement.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText == name);

            if (declared && cond.IsKind(SyntaxKind.LessThanExpression) && from is LiteralExpressionSyntax { Token.Value: 0 } && !usedInBody
                && inc is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression } pi && IsVar(pi.Operand))
                return Block("controls_repeat_ext", Id(fs), inputs: new() { ["TIMES"] = Expr(cond.Right, "Number", "TIMES", "controls_repeat_ext"), ["DO"] = Chain(Body(fs.Statement)) });

            if (declared) Declare(blockName!, model?.GetTypeInfo(fs.Declaration!.Type).Type);
            JsonObject? by = null;
            JsonObject? to = null;
            // for (int i = 0; i < n; i++) counts to n - 1 (and i > n with i-- down to n + 1): whole numbers only
            bool strict = cond.Kind() is SyntaxKind.LessThanExpression or SyntaxKind.GreaterThanExpression;
            if (strict && CSharpType(TypeOf(cl)) == "int" && CSharpType(TypeOf(cond.Right)) == "int")
            {
                bool up = cond.IsKind(SyntaxKind.LessThanExpression);
                if (cond.Right is LiteralExpressionSyntax { Token.Value: int limit } && limit != int.MinValue && limit != int.MaxValue)
                    to = Shadow(Number((up ? limit - 1 : limit + 1).ToString(CultureInfo.InvariantCulture), Id(cond.Right)));
                else if (cond.Right is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression, Operand: LiteralExpressionSyntax { Token.Value: int neg } } && neg < int.MaxValue)
                    to = Shadow(Number((up ? -neg - 1 : -neg + 1).ToString(CultureInfo.InvariantCulture), Id(cond.Right)));
                else
                    to = Block("math_arithmetic", Id(cond.Right), fields: new() { ["OP"] = up ? "MINUS" : "ADD" },
                        inputs: new() { ["A"] = Expr(cond.Right, "Number", "A", "math_arithmetic"), ["B"] = Shadow(Number("1", Id(cond.Right) + ".B")) });
                cond = SyntaxFactory.BinaryExpression(up ? SyntaxKind.LessThanOrEqualExpression : SyntaxKind.GreaterThanOrEqualExpression, cond.Left, cond.Right);
            }
            if (cond.IsKind(SyntaxKind.LessThanOrEqualExpression))
            {
                if (inc is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression } p && IsVar(p.Operand))
                    by = Shadow(Number("1", Id(fs) + ".BY"));
                else if (inc is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.AddAssignmentExpression } aa && IsVar(aa.Left))
                    by = Expr(aa.Right, "Number", "BY", "controls_for");
            }
            else if (cond.IsKind(SyntaxKind.GreaterThanOrEqualExpression))
            {
                if (inc is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostDecrementExpression } p && IsVar(p.Operand))
                    by = Shadow(Number("-1", Id(fs) + ".BY"));
                else if (inc is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SubtractAssignmentExpression, Right: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NumericLiteralExpression } lit } sa
                         && IsVar(sa.Left) && !lit.Token.Text.StartsWith('-'))
                    by = Shadow(Number("-" + lit.Token.Text, Id(lit)));
            }
            if (by == null) return null;
            return Block("controls_for", Id(fs), fields: new() { ["VAR"] = Var(blockName!) },
                inputs: new()
                {
                    ["FROM"] = Expr(from, "Number", "FROM", "controls_for"),
                    ["TO"] = to ?? Expr(cond.Right, "Number", "TO", "controls_for"),
                    ["BY"] = by,
                    ["DO"] = Chain(Body(fs.Statement)),
                });
        }

        /// <summary>An expression used as a statement (also an expression-bodied lambda or function), or null.</summary>
        JsonObject? ExpressionStatement(ExpressionSyntax e, SyntaxNode idNode)
        {
            var id = Id(idNode);
            switch (e)
            {
                case InvocationExpressionSyntax inv:
                {
                    if (!PlainArgs(inv)) return null;
                    var callee = inv.Expression.ToString();
                    int n = inv.ArgumentList.Arguments.Count;
                    if (CallTemplates.TryGetValue(callee + "/" + n, out var def) && def.IsStatement)
                        return TemplateBlock(def, inv, id);
                    if (inv.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Add" } add && n == 1 && IsList(add.Expression))
                        return Block("list_add", id, inputs: new() { ["VALUE"] = Expr(inv.ArgumentList.Arguments[0].Expression, null), ["LIST"] = Expr(add.Expression, "Array") });
                    if (inv.Expression is IdentifierNameSyntax fid && functions.TryGetValue(fid.Identifier.ValueText, out var f)
                        && f.ReturnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword } && f.ParameterList.Parameters.Count == n)
                        return CallBlock("procedures_callnoreturn", fid.Identifier.ValueText, inv, id);
                    return null;
                }
                case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: ElementAccessExpressionSyntax { ArgumentList.Arguments.Count: 1 } ea } sa when IsList(ea.Expression):
                    return Block("list_set", id, inputs: new()
                    {
                        ["INDEX"] = Expr(ea.ArgumentList.Arguments[0].Expression, "Number", "INDEX", "list_set"),
                        ["LIST"] = Expr(ea.Expression, "Array"),
                        ["VALUE"] = Expr(sa.Right, null),
                    });
                case AssignmentExpressionSyntax a when a.Left is IdentifierNameSyntax target && IsLocal(target):
                {
                    var name = NameOf(target, target.Identifier.ValueText);
                    var ttype = CSharpType(TypeOf(target));
                    switch (a.Kind())
                    {
                        case SyntaxKind.SimpleAssignmentExpression:
                            return Block("variables_set", id, fields: new() { ["VAR"] = Var(name) }, inputs: new() { ["VALUE"] = Expr(a.Right, null) });
                        case SyntaxKind.AddAssignmentExpression when ttype is "int" or "double":
                            return Block("math_change", id, fields: new() { ["VAR"] = Var(name) }, inputs: new() { ["DELTA"] = Expr(a.Right, "Number", "DELTA", "math_change") });
                        case SyntaxKind.SubtractAssignmentExpression when ttype is "int" or "double" && a.Right is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NumericLiteralExpression } lit && !lit.Token.Text.StartsWith('-'):
                            return Block("math_change", id, fields: new() { ["VAR"] = Var(name) }, inputs: new() { ["DELTA"] = Shadow(Number("-" + lit.Token.Text, Id(lit))) });
                    }
                    return null;
                }
                case PostfixUnaryExpressionSyntax { Operand: IdentifierNameSyntax pid } pu when IsLocal(pid) && CSharpType(TypeOf(pid)) is "int" or "double":
                    return Block("math_change", id, fields: new() { ["VAR"] = Var(NameOf(pid, pid.Identifier.ValueText)) },
                        inputs: new() { ["DELTA"] = Shadow(Number(pu.IsKind(SyntaxKind.PostIncrementExpression) ? "1" : "-1", id + ".DELTA")) });
                case PrefixUnaryExpressionSyntax { Operand: IdentifierNameSyntax qid } qu when (qu.IsKind(SyntaxKind.PreIncrementExpression) || qu.IsKind(SyntaxKind.PreDecrementExpression)) && IsLocal(qid) && CSharpType(TypeOf(qid)) is "int" or "double":
                    return Block("math_change", id, fields: new() { ["VAR"] = Var(NameOf(qid, qid.Identifier.ValueText)) },
                        inputs: new() { ["DELTA"] = Shadow(Number(qu.IsKind(SyntaxKind.PreIncrementExpression) ? "1" : "-1", id + ".DELTA")) });
            }
            return null;
        }

        bool IsLocal(IdentifierNameSyntax id)
        {
            ISymbol? sym = null;
            try { sym = model?.GetSymbolInfo(id).Symbol; } catch (Exception e) when (e is not OutOfMemoryException) { }
            if (sym is ILocalSymbol { IsConst: true }) return false;
            if (sym is ILocalSymbol or IParameterSymbol) return CSharpType(sym is ILocalSymbol l ? l.Type : ((IParameterSymbol)sym).Type) != null;
            return false;
        }

        static bool PlainArgs(InvocationExpressionSyntax inv)
            => inv.ArgumentList.Arguments.All(a => a.NameColon == null && a.RefKindKeyword.IsKind(SyntaxKind.None));

        JsonObject TemplateBlock(BlockDef def, InvocationExpressionSyntax? inv, string id)
        {
            var inputs = new Dictionary<string, JsonObject?>();
            if (inv != null)
            {
                var names = TemplateArgs(def);
                for (int i = 0; i < names.Count; i++)
                {
                    var arg = def.Arg(names[i])!;
                    inputs[names[i]] = Expr(inv.ArgumentList.Arguments[i].Expression, arg.Check, names[i], def.Type);
                }
            }
            return Block(def.Type, id, inputs: inputs);
        }

        JsonObject CallBlock(string type, string name, InvocationExpressionSyntax inv, string id)
        {
            var f = functions[name];
            var inputs = new Dictionary<string, JsonObject?>();
            for (int i = 0; i < inv.ArgumentList.Arguments.Count; i++)
                inputs["ARG" + i] = Expr(inv.ArgumentList.Arguments[i].Expression, null);
            var b = Block(type, id, inputs: inputs);
            b["extraState"] = new JsonObject
            {
                ["name"] = name,
                ["params"] = new JsonArray(f.ParameterList.Parameters.Select(p => (JsonNode)JsonValue.Create(p.Identifier.ValueText)!).ToArray()),
            };
            return b;
        }

        // ---------- expressions ----------
        static JsonObject Shadow(JsonObject b) { b["__shadow"] = true; return b; }
        static JsonObject Number(string literal, string id) => Block("math_number", id, fields: new() { ["NUM"] = BlockCatalog.NumberNode(literal) });

        /// <summary>A value block for an expression. When the input declares a shadow and the expression is that
        /// kind of literal, the block is a shadow (as the toolbox makes it).</summary>
        JsonObject? Expr(ExpressionSyntax e, string? check, string? input = null, string? blockType = null)
        {
            var block = ExprCore(e);
            if (input != null && blockType != null && BlockCatalog.Find(blockType)?.Arg(input)?.Shadow is { } shadow && (string?)block["type"] == shadow)
                Shadow(block);
            return block;
        }

        JsonObject ExprCore(ExpressionSyntax e)
        {
            var id = Id(e);
            switch (e)
            {
                case ParenthesizedExpressionSyntax p:
                    return ExprCore(p.Expression);
                case LiteralExpressionSyntax lit:
                    switch (lit.Kind())
                    {
                        case SyntaxKind.NumericLiteralExpression when lit.Token.Value is int || (lit.Token.Value is double && IsPlainNumber(lit.Token.Text)):
                            return Number(lit.Token.Text, id);
                        case SyntaxKind.StringLiteralExpression:
                            return Block("text", id, fields: new() { ["TEXT"] = lit.Token.ValueText });
                        case SyntaxKind.TrueLiteralExpression or SyntaxKind.FalseLiteralExpression:
                            return Block("logic_boolean", id, fields: new() { ["BOOL"] = lit.IsKind(SyntaxKind.TrueLiteralExpression) ? "TRUE" : "FALSE" });
                    }
                    break;
                case IdentifierNameSyntax name:
                    if (IsLocal(name)) return Block("variables_get", id, fields: new() { ["VAR"] = Var(NameOf(name, name.Identifier.ValueText)) });
                    if (PropertyTemplates.TryGetValue(name.Identifier.ValueText, out var pd)) return TemplateBlock(pd, null, id);
                    break;
                case ElementAccessExpressionSyntax { ArgumentList.Arguments.Count: 1 } ea when IsList(ea.Expression):
                    return Block("list_get", id, inputs: new() { ["INDEX"] = Expr(ea.ArgumentList.Arguments[0].Expression, "Number", "INDEX", "list_get"), ["LIST"] = Expr(ea.Expression, "Array") });
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Count" } cnt when IsList(cnt.Expression):
                    return Block("list_length", id, inputs: new() { ["LIST"] = Expr(cnt.Expression, "Array") });
                case ObjectCreationExpressionSyntax { ArgumentList: null or { Arguments.Count: 0 } } oc when IsList(oc)
                        && (oc.Initializer == null || oc.Initializer.IsKind(SyntaxKind.CollectionInitializerExpression)):
                {
                    var items = (oc.Initializer?.Expressions ?? default).Select(ExprCore).ToList();
                    var b = Block("lists_create_with", id, inputs: items.Select((it, i) => ("ADD" + i, (JsonObject?)it)).ToDictionary(p => p.Item1, p => p.Item2));
                    b["extraState"] = new JsonObject { ["itemCount"] = items.Count };
                    return b;
                }
                case MemberAccessExpressionSyntax ma:
                    if (PropertyTemplates.TryGetValue(ma.ToString(), out var md)) return TemplateBlock(md, null, id);
                    if (ma.Name.Identifier.ValueText == "Length" && CSharpType(TypeOf(ma.Expression)) == "string")
                        return Block("text_length", id, inputs: new() { ["VALUE"] = Expr(ma.Expression, "String", "VALUE", "text_length") });
                    break;
                case InvocationExpressionSyntax inv when PlainArgs(inv):
                {
                    var callee = inv.Expression.ToString();
                    var args = inv.ArgumentList.Arguments;
                    if (CallTemplates.TryGetValue(callee + "/" + args.Count, out var def) && !def.IsStatement) return TemplateBlock(def, inv, id);
                    var fn = BlockCatalog.Find("math_function")!.Arg("OP")!.Options!.FirstOrDefault(o => o.CSharp == callee);
                    if (fn != null && args.Count == 1)
                    {
                        var arg = args[0].Expression;
                        // Math.Round((double)n): the cast is the block's (a whole number would make the call ambiguous)
                        if (fn.Value is "ROUND" or "FLOOR" or "CEILING" && arg is CastExpressionSyntax { Type: PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.DoubleKeyword } } cast
                            && CSharpType(TypeOf(cast.Expression)) == "int")
                            arg = cast.Expression;
                        return Block("math_function", id, fields: new() { ["OP"] = fn.Value }, inputs: new() { ["NUM"] = Expr(arg, "Number", "NUM", "math_function") });
                    }
                    if (callee is "Math.Min" or "Math.Max" && args.Count == 2)
                        return Block("math_minmax", id, fields: new() { ["OP"] = callee == "Math.Max" ? "MAX" : "MIN" },
                            inputs: new() { ["A"] = Expr(args[0].Expression, "Number", "A", "math_minmax"), ["B"] = Expr(args[1].Expression, "Number", "B", "math_minmax") });
                    if (callee == "Math.Pow" && args.Count == 2)
                        return Block("math_arithmetic", id, fields: new() { ["OP"] = "POWER" },
                            inputs: new() { ["A"] = Expr(args[0].Expression, "Number", "A", "math_arithmetic"), ["B"] = Expr(args[1].Expression, "Number", "B", "math_arithmetic") });
                    if (inv.Expression is IdentifierNameSyntax fid && functions.TryGetValue(fid.Identifier.ValueText, out var f)
                        && !(f.ReturnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }) && f.ParameterList.Parameters.Count == args.Count)
                        return CallBlock("procedures_callreturn", fid.Identifier.ValueText, inv, id);
                    break;
                }
                case BinaryExpressionSyntax bin:
                {
                    var k = bin.Kind();
                    if (k == SyntaxKind.AddExpression && CSharpType(TypeOf(bin)) == "string") return Join(bin, id);
                    string? arith = k switch { SyntaxKind.AddExpression => "ADD", SyntaxKind.SubtractExpression => "MINUS", SyntaxKind.MultiplyExpression => "MULTIPLY", SyntaxKind.DivideExpression => "DIVIDE", _ => null };
                    if (arith != null)
                        return Block("math_arithmetic", id, fields: new() { ["OP"] = arith },
                            inputs: new() { ["A"] = Expr(bin.Left, "Number", "A", "math_arithmetic"), ["B"] = Expr(bin.Right, "Number", "B", "math_arithmetic") });
                    if (k == SyntaxKind.ModuloExpression)
                        return Block("math_modulo", id, inputs: new() { ["DIVIDEND"] = Expr(bin.Left, "Number", "DIVIDEND", "math_modulo"), ["DIVISOR"] = Expr(bin.Right, "Number", "DIVISOR", "math_modulo") });
                    string? cmp = k switch
                    {
                        SyntaxKind.EqualsExpression => "EQ", SyntaxKind.NotEqualsExpression => "NEQ", SyntaxKind.LessThanExpression => "LT",
                        SyntaxKind.LessThanOrEqualExpression => "LTE", SyntaxKind.GreaterThanExpression => "GT", SyntaxKind.GreaterThanOrEqualExpression => "GTE", _ => null,
                    };
                    if (cmp != null)
                        return Block("logic_compare", id, fields: new() { ["OP"] = cmp }, inputs: new() { ["A"] = Expr(bin.Left, null), ["B"] = Expr(bin.Right, null) });
                    if (k is SyntaxKind.LogicalAndExpression or SyntaxKind.LogicalOrExpression)
                        return Block("logic_operation", id, fields: new() { ["OP"] = k == SyntaxKind.LogicalAndExpression ? "AND" : "OR" },
                            inputs: new() { ["A"] = Expr(bin.Left, "Boolean"), ["B"] = Expr(bin.Right, "Boolean") });
                    break;
                }
                case PrefixUnaryExpressionSyntax pre:
                    if (pre.IsKind(SyntaxKind.LogicalNotExpression)) return Block("logic_negate", id, inputs: new() { ["BOOL"] = Expr(pre.Operand, "Boolean") });
                    if (pre.IsKind(SyntaxKind.UnaryMinusExpression))
                    {
                        if (pre.Operand is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NumericLiteralExpression } nl && (nl.Token.Value is int || IsPlainNumber(nl.Token.Text))
                            && nl.Token.Value is not int.MinValue)
                            return Number("-" + nl.Token.Text, id);
                        return Block("math_negate", id, inputs: new() { ["NUM"] = Expr(pre.Operand, "Number", "NUM", "math_negate") });
                    }
                    break;
                case ConditionalExpressionSyntax c:
                    return Block("logic_ternary", id, inputs: new() { ["IF"] = Expr(c.Condition, "Boolean"), ["THEN"] = Expr(c.WhenTrue, null), ["ELSE"] = Expr(c.WhenFalse, null) });
                case InterpolatedStringExpressionSyntax interp when interp.StringStartToken.IsKind(SyntaxKind.InterpolatedStringStartToken):
                {
                    var items = new List<JsonObject>();
                    foreach (var part in interp.Contents)
                    {
                        if (part is InterpolatedStringTextSyntax t) items.Add(Block("text", Id(t), fields: new() { ["TEXT"] = t.TextToken.ValueText.Replace("{{", "{").Replace("}}", "}") }));
                        else if (part is InterpolationSyntax { AlignmentClause: null, FormatClause: null } hole) items.Add(ExprCore(hole.Expression));
                        else return RawExpr(e);
                    }
                    return JoinBlock(items, id);
                }
            }
            return RawExpr(e);
        }

        static bool IsPlainNumber(string text) => System.Text.RegularExpressions.Regex.IsMatch(text, @"^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$");

        JsonObject Join(BinaryExpressionSyntax bin, string id)
        {
            var parts = new List<ExpressionSyntax>();
            void Flatten(ExpressionSyntax x)
            {
                if (x is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } b && CSharpType(TypeOf(b)) == "string") { Flatten(b.Left); Flatten(b.Right); }
                else parts.Add(x);
            }
            Flatten(bin);
            var items = new List<JsonObject>();
            foreach (var p in parts)
            {
                var item = ExprCore(p);
                // "a" + "b": adjacent texts join into one piece
                if ((string?)item["type"] == "text" && items.Count > 0 && (string?)items[^1]["type"] == "text")
                    items[^1]["fields"]!["TEXT"] = (string?)items[^1]["fields"]!["TEXT"] + (string?)item["fields"]!["TEXT"];
                else items.Add(item);
            }
            return JoinBlock(items, id);
        }

        static JsonObject JoinBlock(List<JsonObject> items, string id)
        {
            var inputs = new Dictionary<string, JsonObject?>();
            for (int i = 0; i < items.Count; i++) inputs["ADD" + i] = items[i];
            var b = Block("text_join", id, inputs: inputs);
            b["extraState"] = new JsonObject { ["itemCount"] = items.Count };
            return b;
        }
    }

    static JsonObject With(this JsonObject o, string key, JsonNode value) { o[key] = value; return o; }
}
