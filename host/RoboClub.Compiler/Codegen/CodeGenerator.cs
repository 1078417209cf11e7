using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RoboClub.Board.Image;
using RoboClub.Compiler.Subset;

namespace RoboClub.Compiler.Codegen;

/// <summary>
/// Turns a child's program (already accepted by Roslyn and by <see cref="SubsetChecker"/>) into an image:
/// top-level statements become the on-start script, every top-level local a global, each local function
/// an image function, and each Every/When/OnMessage/OnButton body an extra script. Types come from the
/// semantic model; an int→double conversion becomes IntToFloat where Roslyn says one happens.
/// </summary>
internal sealed class CodeGenerator
{
    readonly SemanticModel _model;
    readonly CompilationUnitSyntax _root;
    readonly ImageBuilder _image = new();
    readonly Dictionary<ISymbol, int> _globals = new(SymbolEqualityComparer.Default);
    readonly Dictionary<IMethodSymbol, FunctionBuilder> _functions = new(SymbolEqualityComparer.Default);
    readonly HashSet<string> _globalNames = new();
    readonly List<FunctionSourceMap> _maps = new();
    public readonly List<(UnsupportedConstruct What, Location Where)> Problems = new();
    Function _f = null!;
    int _scriptCount;

    sealed class Function
    {
        public required FunctionBuilder B;
        public readonly Dictionary<ISymbol, int> Locals = new(SymbolEqualityComparer.Default);
        public readonly Stack<(int Break, int Continue)> Loops = new();
        public readonly List<SourceMapEntry> Map = new();
        public bool IsMain;
    }

    public CodeGenerator(CSharpCompilation compilation, SyntaxTree tree)
    {
        _model = compilation.GetSemanticModel(tree);
        _root = (CompilationUnitSyntax)tree.GetRoot();
    }

    void Report(UnsupportedConstruct what, SyntaxNode node) => Problems.Add((what, node.GetLocation()));

    public IReadOnlyList<FunctionSourceMap> SourceMap => _maps;

    public byte[]? Generate()
    {
        // 1. Every top-level local becomes a global (lambdas and local functions may use it).
        foreach (var d in _root.DescendantNodes(n => n is not LocalFunctionStatementSyntax and not AnonymousFunctionExpressionSyntax)
                     .OfType<VariableDeclaratorSyntax>())
        {
            if (_model.GetDeclaredSymbol(d) is not ILocalSymbol local || local.IsConst) continue;
            byte t = VmOf(local.Type, d);
            if (t == VmType.None) continue;
            string name = local.Name;
            for (int i = 2; !_globalNames.Add(name); i++) name = local.Name + "#" + i;
            _globals[local] = _image.AddGlobal(ImageName(name), t);
        }

        // 2. The on-start script (function 0, script 0).
        var main = _image.AddFunction("start", [], VmType.None);
        _image.AddScript(TriggerKind.OnStart, 0, main.Index);

        // 3. Local functions (declared anywhere), so calls can be written before their bodies.
        var locals = _root.DescendantNodes().OfType<LocalFunctionStatementSyntax>().ToList();
        foreach (var lf in locals)
        {
            if (_model.GetDeclaredSymbol(lf) is not IMethodSymbol m) continue;
            var ps = new byte[m.Parameters.Length];
            for (int i = 0; i < ps.Length; i++) ps[i] = VmOf(m.Parameters[i].Type, lf.ParameterList.Parameters[i]);
            byte ret = m.ReturnsVoid ? VmType.None : VmOf(m.ReturnType, lf.ReturnType);
            _functions[m] = _image.AddFunction(ImageName(m.Name), ps, ret);
        }

        // 4. Bodies.
        Begin(main, isMain: true);
        foreach (var member in _root.Members)
        {
            if (member is GlobalStatementSyntax g) TopLevelStatement(g.Statement);
        }
        _f.B.Op(Opcode.Return);
        End();

        foreach (var lf in locals)
        {
            if (_model.GetDeclaredSymbol(lf) is not IMethodSymbol m) continue;
            var fb = _functions[m];
            Begin(fb, isMain: false);
            for (int i = 0; i < m.Parameters.Length; i++) _f.Locals[m.Parameters[i]] = i;
            if (lf.Body != null) Statement(lf.Body);
            else if (lf.ExpressionBody != null) ExpressionBody(lf.ExpressionBody.Expression, fb.ReturnType);
            FinishFunction(fb.ReturnType);
            End();
        }

        return Problems.Count > 0 ? null : _image.Build();
    }

    /// <summary>Names in an image have at most 64 UTF-8 bytes: longer ones are cut at a character boundary.</summary>
    static string ImageName(string name)
    {
        while (System.Text.Encoding.UTF8.GetByteCount(name) > ImageFormat.MaxNameLength)
            name = name[..(char.IsLowSurrogate(name[^1]) ? name.Length - 2 : name.Length - 1)];
        return name;
    }

    void Begin(FunctionBuilder b, bool isMain) => _f = new Function { B = b, IsMain = isMain };

    void End() => _maps.Add(new FunctionSourceMap(_f.B.Index, _f.B.Name, _f.Map.ToList()));

    /// <summary>A function's end: Return, or (for a function whose every path returns) a well-typed fallback.</summary>
    void FinishFunction(byte returnType)
    {
        if (returnType == VmType.None) { _f.B.Op(Opcode.Return); return; }
        PushDefault(returnType);
        _f.B.Op(Opcode.ReturnValue);
    }

    void PushDefault(byte t)
    {
        switch (t)
        {
            case VmType.Int: _f.B.PushInt(0); break;
            case VmType.Float: _f.B.PushFloat(0); break;
            case VmType.Bool: _f.B.PushFalse(); break;
            default: _f.B.PushString(""); break;
        }
    }

    void ExpressionBody(ExpressionSyntax e, byte returnType)
    {
        MapHere(e);
        if (returnType == VmType.None) ExpressionStatement(e);
        else
        {
            Convert(EmitValue(e), returnType, e);
            _f.B.Op(Opcode.ReturnValue);
        }
    }

    void MapHere(SyntaxNode node)
    {
        var pos = node.GetLocation().GetLineSpan().StartLinePosition;
        var entry = new SourceMapEntry(_f.B.Offset, pos.Line + 1, pos.Character + 1);
        if (_f.Map.Count > 0 && _f.Map[^1].CodeOffset == entry.CodeOffset) _f.Map[^1] = entry;
        else _f.Map.Add(entry);
    }

    // ---------------------------------------------------------------- types

    static byte VmOfOrNone(ITypeSymbol? t) => t?.SpecialType switch
    {
        SpecialType.System_Int32 => VmType.Int,
        SpecialType.System_Double or SpecialType.System_Single => VmType.Float,
        SpecialType.System_Boolean => VmType.Bool,
        SpecialType.System_String => VmType.String,
        SpecialType.System_Void => VmType.None,
        _ => 0xFF,
    };

    /// <summary>The board type of a C# value type, or None (with a diagnostic) if the board has none.</summary>
    byte VmOf(ITypeSymbol? t, SyntaxNode where)
    {
        byte v = VmOfOrNone(t);
        if (v == 0xFF || v == VmType.None)
        {
            Report(UnsupportedConstructs.Types, where);
            return VmType.None;
        }
        return v;
    }

    void Convert(byte from, byte to, SyntaxNode where)
    {
        if (from == to || from == VmType.None || to == VmType.None) return;
        if (from == VmType.Int && to == VmType.Float) _f.B.Op(Opcode.IntToFloat);
        else if (from == VmType.Float && to == VmType.Int) _f.B.Op(Opcode.FloatToInt);
        else Report(UnsupportedConstructs.Types, where);
    }

    void ToText(byte from, SyntaxNode where)
    {
        switch (from)
        {
            case VmType.String: break;
            case VmType.Int: _f.B.Op(Opcode.IntToString); break;
            case VmType.Float: _f.B.Op(Opcode.FloatToString); break;
            case VmType.Bool: _f.B.Op(Opcode.BoolToString); break;
            case VmType.None: break; // already reported
            default: Report(UnsupportedConstructs.Types, where); break;
        }
    }

    // ---------------------------------------------------------------- statements

    void TopLevelStatement(StatementSyntax s)
    {
        if (s is ExpressionStatementSyntax es && es.Expression is InvocationExpressionSyntax inv
            && SpecialKind(inv) is string kind && kind != "wait")
        {
            MapHere(s);
            Script(kind, inv);
            return;
        }
        Statement(s);
    }

    void Statement(StatementSyntax s)
    {
        if (s is not BlockSyntax and not LocalFunctionStatementSyntax) MapHere(s);
        var b = _f.B;
        switch (s)
        {
            case BlockSyntax block:
                foreach (var x in block.Statements) Statement(x);
                break;
            case LocalFunctionStatementSyntax:
                break; // compiled as its own function
            case EmptyStatementSyntax:
                break;
            case LocalDeclarationStatementSyntax decl:
                if (decl.IsConst) break; // constants are folded where they are used
                Declaration(decl.Declaration);
                break;
            case ExpressionStatementSyntax es:
                ExpressionStatement(es.Expression);
                break;
            case IfStatementSyntax ifs:
                {
                    int elseLabel = b.NewLabel(), end = b.NewLabel();
                    Condition(ifs.Condition);
                    b.JumpTo(Opcode.JumpIfFalse, elseLabel);
                    Statement(ifs.Statement);
                    if (ifs.Else != null)
                    {
                        b.JumpTo(Opcode.Jump, end);
                        b.Mark(elseLabel);
                        Statement(ifs.Else.Statement);
                    }
                    else b.Mark(elseLabel);
                    b.Mark(end);
                    break;
                }
            case WhileStatementSyntax w:
                {
                    int top = b.NewLabel(), end = b.NewLabel();
                    b.Mark(top);
                    Condition(w.Condition);
                    b.JumpTo(Opcode.JumpIfFalse, end);
                    Loop(w.Statement, end, top);
                    b.JumpTo(Opcode.Jump, top);
                    b.Mark(end);
                    break;
                }
            case DoStatementSyntax d:
                {
                    int top = b.NewLabel(), cont = b.NewLabel(), end = b.NewLabel();
                    b.Mark(top);
                    Loop(d.Statement, end, cont);
                    b.Mark(cont);
                    Condition(d.Condition);
                    b.JumpTo(Opcode.JumpIfTrue, top);
                    b.Mark(end);
                    break;
                }
            case ForStatementSyntax f:
                {
                    if (f.Declaration != null) Declaration(f.Declaration);
                    foreach (var i in f.Initializers) ExpressionStatement(i);
                    int top = b.NewLabel(), cont = b.NewLabel(), end = b.NewLabel();
                    b.Mark(top);
                    if (f.Condition != null)
                    {
                        Condition(f.Condition);
                        b.JumpTo(Opcode.JumpIfFalse, end);
                    }
                    Loop(f.Statement, end, cont);
                    b.Mark(cont);
                    foreach (var i in f.Incrementors) ExpressionStatement(i);
                    b.JumpTo(Opcode.Jump, top);
                    b.Mark(end);
                    break;
                }
            case BreakStatementSyntax:
                if (_f.Loops.Count == 0) Report(UnsupportedConstructs.Other, s);
                else b.JumpTo(Opcode.Jump, _f.Loops.Peek().Break);
                break;
            case ContinueStatementSyntax:
                if (_f.Loops.Count == 0) Report(UnsupportedConstructs.Other, s);
                else b.JumpTo(Opcode.Jump, _f.Loops.Peek().Continue);
                break;
            case ReturnStatementSyntax r:
                if (r.Expression == null)
                {
                    if (_f.B.ReturnType != VmType.None) Report(UnsupportedConstructs.Other, s);
                    b.Op(Opcode.Return);
                }
                else
                {
                    Convert(EmitValue(r.Expression), _f.B.ReturnType, r.Expression);
                    b.Op(Opcode.ReturnValue);
                }
                break;
            default:
                Report(UnsupportedConstructs.Other, s);
                break;
        }
    }

    void Loop(StatementSyntax body, int breakLabel, int continueLabel)
    {
        _f.Loops.Push((breakLabel, continueLabel));
        Statement(body);
        _f.Loops.Pop();
    }

    void Condition(ExpressionSyntax e) => Convert(EmitValue(e), VmType.Bool, e);

    void Declaration(VariableDeclarationSyntax decl)
    {
        foreach (var v in decl.Variables)
        {
            if (_model.GetDeclaredSymbol(v) is not ILocalSymbol local) { Report(UnsupportedConstructs.Other, v); continue; }
            byte t = VmOf(local.Type, v);
            if (t == VmType.None) continue;
            if (!_globals.ContainsKey(local) && !_f.Locals.ContainsKey(local))
                _f.Locals[local] = NewLocal(t, v);
            if (v.Initializer != null)
            {
                Convert(EmitValue(v.Initializer.Value), t, v.Initializer.Value);
                Store(local, v);
            }
        }
    }

    /// <summary>A function local; a board function has at most 64 (parameters included).</summary>
    int NewLocal(byte t, SyntaxNode where)
    {
        int i = _f.B.AddLocal(t);
        if (i >= ImageFormat.MaxLocals) { Report(UnsupportedConstructs.TooBig, where); return 0; }
        return i;
    }

    /// <summary>An expression whose value (if any) is not needed.</summary>
    void ExpressionStatement(ExpressionSyntax e)
    {
        byte t = Emit(e, needValue: false);
        if (t != VmType.None) _f.B.Op(Opcode.Pop);
    }

    // ---------------------------------------------------------------- scripts

    string? SpecialKind(InvocationExpressionSyntax inv)
    {
        if (_model.GetSymbolInfo(inv).Symbol is not IMethodSymbol m) return null;
        foreach (var a in m.GetAttributes())
        {
            if (a.AttributeClass?.Name == "BoardSpecialAttribute" && a.ConstructorArguments.Length == 1)
                return a.ConstructorArguments[0].Value as string;
        }
        return null;
    }

    void Script(string kind, InvocationExpressionSyntax inv)
    {
        var args = inv.ArgumentList.Arguments;
        int n = ++_scriptCount;
        switch (kind)
        {
            case "every":
                {
                    var period = _model.GetConstantValue(args[0].Expression);
                    if (!period.HasValue || period.Value is not int ms || ms < 10) { Report(UnsupportedConstructs.EveryPeriod, args[0]); return; }
                    int body = ScriptBody(args[1].Expression, "every_" + ms + "ms");
                    if (body >= 0) _image.AddScript(TriggerKind.Every, ms, body);
                    break;
                }
            case "when":
                {
                    int condition = ScriptFunction(args[0].Expression, "when_" + n + "_condition", VmType.Bool);
                    int body = ScriptBody(args[1].Expression, "when_" + n);
                    if (condition >= 0 && body >= 0) _image.AddScript(TriggerKind.When, condition, body);
                    break;
                }
            case "onMessage":
                {
                    var name = _model.GetConstantValue(args[0].Expression);
                    if (!name.HasValue || name.Value is not string message) { Report(UnsupportedConstructs.MessageName, args[0]); return; }
                    int body = ScriptBody(args[1].Expression, "on_" + message);
                    if (body >= 0) _image.AddScript(TriggerKind.OnMessage, _image.AddString(message), body);
                    break;
                }
            case "onButton":
                {
                    int body = ScriptBody(args[0].Expression, "on_button_" + n);
                    if (body >= 0) _image.AddScript(TriggerKind.OnButton, 0, body);
                    break;
                }
            default:
                Report(UnsupportedConstructs.Other, inv);
                break;
        }
    }

    int ScriptBody(ExpressionSyntax e, string name) => ScriptFunction(e, name, VmType.None);

    /// <summary>A lambda without parameters (or the name of a local function) as an image function; -1 if not.</summary>
    int ScriptFunction(ExpressionSyntax e, string name, byte returnType)
    {
        if (e is ParenthesizedLambdaExpressionSyntax lambda && lambda.ParameterList.Parameters.Count == 0 && !lambda.Modifiers.Any())
        {
            var outer = _f;
            var fb = _image.AddFunction(ImageName(name), [], returnType);
            Begin(fb, isMain: false);
            if (lambda.Block != null) Statement(lambda.Block);
            else if (lambda.ExpressionBody != null) ExpressionBody(lambda.ExpressionBody, returnType);
            FinishFunction(returnType);
            End();
            _f = outer;
            return fb.Index;
        }
        if (_model.GetSymbolInfo(e).Symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction, Parameters.Length: 0 } m
            && _functions.TryGetValue(m, out var f) && f.ReturnType == returnType)
            return f.Index;
        Report(UnsupportedConstructs.ScriptBody, e);
        return -1;
    }

    // ---------------------------------------------------------------- expressions

    /// <summary>Emits <paramref name="e"/> converted as Roslyn says (to a parameter's type, a variable's...); returns the type left on the stack.</summary>
    byte EmitValue(ExpressionSyntax e)
    {
        var info = _model.GetTypeInfo(e);
        byte to = VmOfOrNone(info.ConvertedType);
        var constant = _model.GetConstantValue(e);
        if (constant.HasValue && to == VmType.Float && constant.Value is int or double or float)
        {
            _f.B.PushFloat(System.Convert.ToSingle(constant.Value, System.Globalization.CultureInfo.InvariantCulture));
            return VmType.Float;
        }
        byte t = Emit(e, needValue: true);
        if (to != 0xFF && to != VmType.None && t != VmType.None && to != t)
        {
            Convert(t, to, e);
            return to;
        }
        return t;
    }

    /// <summary>Emits <paramref name="e"/> with its own type; returns that type (None for nothing).
    /// With needValue false, assignments and ++/-- leave nothing (the caller pops anything else).</summary>
    byte Emit(ExpressionSyntax e, bool needValue)
    {
        var b = _f.B;
        var constant = _model.GetConstantValue(e);
        if (constant.HasValue)
        {
            switch (constant.Value)
            {
                case int i: b.PushInt(i); return VmType.Int;
                case double d: b.PushFloat((float)d); return VmType.Float;
                case float fl: b.PushFloat(fl); return VmType.Float;
                case bool bo: if (bo) b.PushTrue(); else b.PushFalse(); return VmType.Bool;
                case string s: b.PushString(s); return VmType.String;
                default: Report(UnsupportedConstructs.Types, e); return VmType.None;
            }
        }

        switch (e)
        {
            case ParenthesizedExpressionSyntax p:
                return Emit(p.Expression, needValue: true);
            case IdentifierNameSyntax or MemberAccessExpressionSyntax:
                return Name(e);
            case AssignmentExpressionSyntax a:
                return Assignment(a, needValue);
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.PreIncrementExpression) || u.IsKind(SyntaxKind.PreDecrementExpression):
                return Increment(u.Operand, u.IsKind(SyntaxKind.PreIncrementExpression), prefix: true, needValue);
            case PostfixUnaryExpressionSyntax pu when pu.IsKind(SyntaxKind.PostIncrementExpression) || pu.IsKind(SyntaxKind.PostDecrementExpression):
                return Increment(pu.Operand, pu.IsKind(SyntaxKind.PostIncrementExpression), prefix: false, needValue);
            case PrefixUnaryExpressionSyntax u:
                return Unary(u);
            case BinaryExpressionSyntax bin:
                return Binary(bin);
            case CastExpressionSyntax c:
                {
                    byte to = VmOf(_model.GetTypeInfo(c).Type, c.Type);
                    Convert(EmitValue(c.Expression), to, c);
                    return to;
                }
            case ConditionalExpressionSyntax c:
                {
                    byte t = VmOf(_model.GetTypeInfo(c).Type, c);
                    int otherwise = b.NewLabel(), end = b.NewLabel();
                    Condition(c.Condition);
                    b.JumpTo(Opcode.JumpIfFalse, otherwise);
                    Convert(EmitValue(c.WhenTrue), t, c.WhenTrue);
                    b.JumpTo(Opcode.Jump, end);
                    b.Mark(otherwise);
                    Convert(EmitValue(c.WhenFalse), t, c.WhenFalse);
                    b.Mark(end);
                    return t;
                }
            case InterpolatedStringExpressionSyntax interp:
                {
                    bool first = true;
                    foreach (var part in interp.Contents)
                    {
                        if (part is InterpolatedStringTextSyntax text) b.PushString(text.TextToken.ValueText);
                        else if (part is InterpolationSyntax hole) ToText(Emit(hole.Expression, needValue: true), hole.Expression);
                        if (!first) b.Op(Opcode.Concat);
                        first = false;
                    }
                    if (first) b.PushString("");
                    return VmType.String;
                }
            case InvocationExpressionSyntax inv:
                return Invocation(inv);
            case AnonymousFunctionExpressionSyntax:
                Report(UnsupportedConstructs.Lambdas, e);
                return VmType.None;
            default:
                Report(UnsupportedConstructs.Other, e);
                return VmType.None;
        }
    }

    /// <summary>A variable, a parameter, a child-API property (Robot.Distance) or string.Length.</summary>
    byte Name(ExpressionSyntax e)
    {
        var symbol = _model.GetSymbolInfo(e).Symbol;
        switch (symbol)
        {
            case ILocalSymbol or IParameterSymbol:
                return Load(symbol, e);
            case IPropertySymbol p when p.ContainingType.SpecialType == SpecialType.System_String && p.Name == "Length" && e is MemberAccessExpressionSyntax ma:
                Emit(ma.Expression, needValue: true);
                _f.B.Op(Opcode.StringLength);
                return VmType.Int;
            case IPropertySymbol p when PrimitiveName(p) is string prim:
                {
                    byte t = VmOf(p.Type, e);
                    _f.B.Op(Opcode.CallPrimitive, _image.AddPrimitive(prim, [], t));
                    return t;
                }
            default:
                Report(symbol is IMethodSymbol or IPropertySymbol or IFieldSymbol ? UnsupportedConstructs.UnknownMethod : UnsupportedConstructs.Other, e);
                return VmType.None;
        }
    }

    static string? PrimitiveName(ISymbol s)
    {
        foreach (var a in s.GetAttributes())
        {
            if (a.AttributeClass?.Name == "PrimitiveAttribute" && a.ConstructorArguments.Length == 1)
                return a.ConstructorArguments[0].Value as string;
        }
        return null;
    }

    ISymbol? VariableSymbol(ExpressionSyntax target)
    {
        var s = _model.GetSymbolInfo(target).Symbol;
        if (s is ILocalSymbol or IParameterSymbol) return s;
        Report(UnsupportedConstructs.Assignment, target);
        return null;
    }

    byte TypeOfVariable(ISymbol s) => s switch
    {
        ILocalSymbol l => VmOfOrNone(l.Type),
        IParameterSymbol p => VmOfOrNone(p.Type),
        _ => VmType.None,
    };

    byte Load(ISymbol s, SyntaxNode where)
    {
        byte t = TypeOfVariable(s);
        if (_globals.TryGetValue(s, out int g)) _f.B.Op(Opcode.LoadGlobal, g);
        else if (_f.Locals.TryGetValue(s, out int l)) _f.B.Op(Opcode.LoadLocal, l);
        else { Report(UnsupportedConstructs.OtherFunctionsVariable, where); return VmType.None; }
        return t;
    }

    void Store(ISymbol s, SyntaxNode where)
    {
        if (_globals.TryGetValue(s, out int g)) _f.B.Op(Opcode.StoreGlobal, g);
        else if (_f.Locals.TryGetValue(s, out int l)) _f.B.Op(Opcode.StoreLocal, l);
        else Report(UnsupportedConstructs.OtherFunctionsVariable, where);
    }

    byte Assignment(AssignmentExpressionSyntax a, bool needValue)
    {
        var target = VariableSymbol(a.Left);
        if (target == null) return VmType.None;
        byte t = TypeOfVariable(target);
        if (a.IsKind(SyntaxKind.SimpleAssignmentExpression))
        {
            Convert(EmitValue(a.Right), t, a.Right);
        }
        else
        {
            // x op= y is x = (T)(x op y), with the operator Roslyn chose.
            var op = _model.GetSymbolInfo(a).Symbol as IMethodSymbol;
            if (op == null || op.Parameters.Length != 2) { Report(UnsupportedConstructs.Other, a); return VmType.None; }
            SyntaxKind kind = a.Kind() switch
            {
                SyntaxKind.AddAssignmentExpression => SyntaxKind.PlusToken,
                SyntaxKind.SubtractAssignmentExpression => SyntaxKind.MinusToken,
                SyntaxKind.MultiplyAssignmentExpression => SyntaxKind.AsteriskToken,
                SyntaxKind.DivideAssignmentExpression => SyntaxKind.SlashToken,
                SyntaxKind.ModuloAssignmentExpression => SyntaxKind.PercentToken,
                SyntaxKind.AndAssignmentExpression => SyntaxKind.AmpersandToken,
                SyntaxKind.OrAssignmentExpression => SyntaxKind.BarToken,
                SyntaxKind.ExclusiveOrAssignmentExpression => SyntaxKind.CaretToken,
                SyntaxKind.LeftShiftAssignmentExpression => SyntaxKind.LessThanLessThanToken,
                SyntaxKind.RightShiftAssignmentExpression => SyntaxKind.GreaterThanGreaterThanToken,
                _ => SyntaxKind.None,
            };
            if (kind == SyntaxKind.None) { Report(UnsupportedConstructs.Other, a); return VmType.None; }
            byte result = Operator(kind, op, a, () => Load(target, a.Left), () => Emit(a.Right, needValue: true));
            Convert(result, t, a);
        }
        if (needValue) _f.B.Op(Opcode.Dup);
        Store(target, a.Left);
        return needValue ? t : VmType.None;
    }

    byte Increment(ExpressionSyntax operand, bool up, bool prefix, bool needValue)
    {
        var target = VariableSymbol(operand);
        if (target == null) return VmType.None;
        byte t = TypeOfVariable(target);
        var b = _f.B;
        Load(target, operand);
        if (needValue && !prefix) b.Op(Opcode.Dup);
        if (t == VmType.Int) b.PushInt(1).Op(up ? Opcode.AddInt : Opcode.SubInt);
        else if (t == VmType.Float) b.PushFloat(1).Op(up ? Opcode.AddFloat : Opcode.SubFloat);
        else { Report(UnsupportedConstructs.Types, operand); return VmType.None; }
        if (needValue && prefix) b.Op(Opcode.Dup);
        Store(target, operand);
        return needValue ? t : VmType.None;
    }

    byte Unary(PrefixUnaryExpressionSyntax u)
    {
        byte t = EmitValue(u.Operand);
        switch (u.Kind())
        {
            case SyntaxKind.UnaryPlusExpression: return t;
            case SyntaxKind.UnaryMinusExpression:
                if (t == VmType.Int) _f.B.Op(Opcode.NegInt);
                else if (t == VmType.Float) _f.B.Op(Opcode.NegFloat);
                else Report(UnsupportedConstructs.Types, u);
                return t;
            case SyntaxKind.LogicalNotExpression: _f.B.Op(Opcode.Not); return VmType.Bool;
            case SyntaxKind.BitwiseNotExpression: _f.B.Op(Opcode.BitNotInt); return VmType.Int;
            default: Report(UnsupportedConstructs.Other, u); return t;
        }
    }

    byte Binary(BinaryExpressionSyntax bin)
    {
        var b = _f.B;
        if (bin.IsKind(SyntaxKind.LogicalAndExpression) || bin.IsKind(SyntaxKind.LogicalOrExpression))
        {
            bool and = bin.IsKind(SyntaxKind.LogicalAndExpression);
            int shortCut = b.NewLabel(), end = b.NewLabel();
            Condition(bin.Left);
            b.JumpTo(and ? Opcode.JumpIfFalse : Opcode.JumpIfTrue, shortCut);
            Condition(bin.Right);
            b.JumpTo(Opcode.Jump, end);
            b.Mark(shortCut);
            if (and) b.PushFalse(); else b.PushTrue();
            b.Mark(end);
            return VmType.Bool;
        }
        if (_model.GetSymbolInfo(bin).Symbol is not IMethodSymbol op || op.Parameters.Length != 2)
        {
            Report(UnsupportedConstructs.Other, bin);
            return VmType.None;
        }
        return Operator(bin.OperatorToken.Kind(), op, bin, () => Emit(bin.Left, needValue: true), () => Emit(bin.Right, needValue: true));
    }

    /// <summary>A built-in binary operator: operands converted to its parameter types, then the typed instruction.</summary>
    byte Operator(SyntaxKind kind, IMethodSymbol op, SyntaxNode where, Func<byte> left, Func<byte> right)
    {
        var b = _f.B;
        byte pl = VmOfOrNone(op.Parameters[0].Type), pr = VmOfOrNone(op.Parameters[1].Type);
        // string + anything: text of each side (Roslyn's operator is string + object).
        if (kind == SyntaxKind.PlusToken && (pl == VmType.String || pr == VmType.String) && op.ContainingType.SpecialType == SpecialType.System_String)
        {
            ToText(left(), where);
            ToText(right(), where);
            b.Op(Opcode.Concat);
            return VmType.String;
        }
        if (pl == 0xFF || pr == 0xFF || pl != pr) { Report(UnsupportedConstructs.Types, where); return VmType.None; }
        Convert(left(), pl, where);
        Convert(right(), pr, where);
        byte t = pl;
        byte? code = (kind, t) switch
        {
            (SyntaxKind.PlusToken, VmType.Int) => Opcode.AddInt,
            (SyntaxKind.MinusToken, VmType.Int) => Opcode.SubInt,
            (SyntaxKind.AsteriskToken, VmType.Int) => Opcode.MulInt,
            (SyntaxKind.SlashToken, VmType.Int) => Opcode.DivInt,
            (SyntaxKind.PercentToken, VmType.Int) => Opcode.ModInt,
            (SyntaxKind.PlusToken, VmType.Float) => Opcode.AddFloat,
            (SyntaxKind.MinusToken, VmType.Float) => Opcode.SubFloat,
            (SyntaxKind.AsteriskToken, VmType.Float) => Opcode.MulFloat,
            (SyntaxKind.SlashToken, VmType.Float) => Opcode.DivFloat,
            (SyntaxKind.PercentToken, VmType.Float) => Opcode.ModFloat,
            (SyntaxKind.AmpersandToken, VmType.Int or VmType.Bool) => Opcode.AndInt,
            (SyntaxKind.BarToken, VmType.Int or VmType.Bool) => Opcode.OrInt,
            (SyntaxKind.CaretToken, VmType.Int or VmType.Bool) => Opcode.XorInt,
            (SyntaxKind.LessThanLessThanToken, VmType.Int) => Opcode.ShlInt,
            (SyntaxKind.GreaterThanGreaterThanToken, VmType.Int) => Opcode.ShrInt,
            (SyntaxKind.EqualsEqualsToken, VmType.Int or VmType.Bool) => Opcode.EqInt,
            (SyntaxKind.ExclamationEqualsToken, VmType.Int or VmType.Bool) => Opcode.NeInt,
            (SyntaxKind.EqualsEqualsToken, VmType.Float) => Opcode.EqFloat,
            (SyntaxKind.ExclamationEqualsToken, VmType.Float) => Opcode.NeFloat,
            (SyntaxKind.EqualsEqualsToken, VmType.String) => Opcode.EqString,
            (SyntaxKind.ExclamationEqualsToken, VmType.String) => Opcode.NeString,
            (SyntaxKind.LessThanToken, VmType.Int) => Opcode.LtInt,
            (SyntaxKind.LessThanEqualsToken, VmType.Int) => Opcode.LeInt,
            (SyntaxKind.GreaterThanToken, VmType.Int) => Opcode.GtInt,
            (SyntaxKind.GreaterThanEqualsToken, VmType.Int) => Opcode.GeInt,
            (SyntaxKind.LessThanToken, VmType.Float) => Opcode.LtFloat,
            (SyntaxKind.LessThanEqualsToken, VmType.Float) => Opcode.LeFloat,
            (SyntaxKind.GreaterThanToken, VmType.Float) => Opcode.GtFloat,
            (SyntaxKind.GreaterThanEqualsToken, VmType.Float) => Opcode.GeFloat,
            _ => null,
        };
        if (code == null) { Report(UnsupportedConstructs.Other, where); return VmType.None; }
        b.Op(code.Value);
        return code.Value switch
        {
            Opcode.EqInt or Opcode.NeInt or Opcode.EqFloat or Opcode.NeFloat or Opcode.EqString or Opcode.NeString
                or Opcode.LtInt or Opcode.LeInt or Opcode.GtInt or Opcode.GeInt
                or Opcode.LtFloat or Opcode.LeFloat or Opcode.GtFloat or Opcode.GeFloat => VmType.Bool,
            _ => t,
        };
    }

    // ---------------------------------------------------------------- calls

    static readonly Dictionary<string, string> MathFloat1 = new()
    {
        ["Sqrt"] = "math.sqrt", ["Abs"] = "math.abs", ["Sin"] = "math.sin", ["Cos"] = "math.cos", ["Tan"] = "math.tan",
        ["Log"] = "math.log", ["Exp"] = "math.exp", ["Round"] = "math.round", ["Floor"] = "math.floor", ["Ceiling"] = "math.ceiling",
    };

    static readonly Dictionary<string, string> MathFloat2 = new() { ["Pow"] = "math.pow", ["Atan2"] = "math.atan2" };

    byte Invocation(InvocationExpressionSyntax inv)
    {
        var b = _f.B;
        var args = inv.ArgumentList.Arguments;
        if (_model.GetSymbolInfo(inv).Symbol is not IMethodSymbol m) { Report(UnsupportedConstructs.UnknownMethod, inv); return VmType.None; }

        if (m.MethodKind == MethodKind.LocalFunction && _functions.TryGetValue(m.OriginalDefinition, out var fn))
        {
            for (int i = 0; i < args.Count; i++) Convert(EmitValue(args[i].Expression), VmOfOrNone(m.Parameters[i].Type), args[i]);
            b.Op(Opcode.Call, fn.Index);
            return fn.ReturnType;
        }

        if (SpecialKind(inv) is string special)
        {
            if (special == "wait")
            {
                Convert(EmitValue(args[0].Expression), VmType.Int, args[0]);
                b.Op(Opcode.Wait);
            }
            else Report(UnsupportedConstructs.ScriptNotAtTop, inv);
            return VmType.None;
        }

        if (PrimitiveName(m) is string prim)
        {
            var ps = new byte[m.Parameters.Length];
            for (int i = 0; i < ps.Length; i++)
            {
                ps[i] = VmOf(m.Parameters[i].Type, args[i]);
                Convert(EmitValue(args[i].Expression), ps[i], args[i]);
            }
            byte ret = m.ReturnsVoid ? VmType.None : VmOf(m.ReturnType, inv);
            b.Op(Opcode.CallPrimitive, _image.AddPrimitive(prim, ps, ret));
            return ret;
        }

        string type = m.ContainingType.ToDisplayString();
        if (type == "System.Console" && (m.Name == "WriteLine" || m.Name == "Write"))
        {
            // Console.Write prints like WriteLine: the board's console is line-based.
            if (args.Count == 0) b.PushString("");
            else if (args.Count == 1) ToText(Emit(args[0].Expression, needValue: true), args[0]);
            else { Report(UnsupportedConstructs.UnknownMethod, inv); return VmType.None; }
            b.Op(Opcode.CallPrimitive, _image.AddPrimitive("console.print", [VmType.String], VmType.None));
            return VmType.None;
        }
        if (type == "System.Math")
        {
            byte ret = VmOfOrNone(m.ReturnType);
            if (m.Name == "Abs" && ret == VmType.Int)
            {
                // |x| for ints, inline: x < 0 ? -x : x
                int end = b.NewLabel();
                Emit(args[0].Expression, needValue: true);
                b.Op(Opcode.Dup).PushInt(0).Op(Opcode.LtInt);
                b.JumpTo(Opcode.JumpIfFalse, end);
                b.Op(Opcode.NegInt);
                b.Mark(end);
                return VmType.Int;
            }
            if ((m.Name == "Max" || m.Name == "Min") && (ret == VmType.Int || ret == VmType.Float) && args.Count == 2)
            {
                // max(a, b): a b → keep the larger one using two temporaries.
                int ta = NewLocal(ret, inv), tb = NewLocal(ret, inv), other = b.NewLabel(), end = b.NewLabel();
                Convert(EmitValue(args[0].Expression), ret, args[0]); b.Op(Opcode.StoreLocal, ta);
                Convert(EmitValue(args[1].Expression), ret, args[1]); b.Op(Opcode.StoreLocal, tb);
                b.Op(Opcode.LoadLocal, ta).Op(Opcode.LoadLocal, tb);
                bool max = m.Name == "Max";
                b.Op(ret == VmType.Int ? (max ? Opcode.GeInt : Opcode.LeInt) : (max ? Opcode.GeFloat : Opcode.LeFloat));
                b.JumpTo(Opcode.JumpIfFalse, other);
                b.Op(Opcode.LoadLocal, ta);
                b.JumpTo(Opcode.Jump, end);
                b.Mark(other);
                b.Op(Opcode.LoadLocal, tb);
                b.Mark(end);
                return ret;
            }
            if (ret == VmType.Float && args.Count == 1 && m.Parameters.Length == 1 && MathFloat1.TryGetValue(m.Name, out var p1))
            {
                Convert(EmitValue(args[0].Expression), VmType.Float, args[0]);
                b.Op(Opcode.CallPrimitive, _image.AddPrimitive(p1, [VmType.Float], VmType.Float));
                return VmType.Float;
            }
            if (ret == VmType.Float && args.Count == 2 && m.Parameters.Length == 2 && MathFloat2.TryGetValue(m.Name, out var p2))
            {
                Convert(EmitValue(args[0].Expression), VmType.Float, args[0]);
                Convert(EmitValue(args[1].Expression), VmType.Float, args[1]);
                b.Op(Opcode.CallPrimitive, _image.AddPrimitive(p2, [VmType.Float, VmType.Float], VmType.Float));
                return VmType.Float;
            }
        }
        Report(UnsupportedConstructs.UnknownMethod, inv);
        return VmType.None;
    }
}
