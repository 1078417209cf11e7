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
internal sealed partial class CodeGenerator
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
        public readonly Dictionary<byte, Stack<int>> FreeTemps = new();
        public bool IsMain;
    }

    public CodeGenerator(SemanticModel model, SyntaxTree tree)
    {
        _model = model;
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
            case VmType.String: _f.B.PushString(""); break;
            default: _f.B.Op(Opcode.NewList, VmType.ElementOf(t)); break; // a list: an empty one
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
}
