using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RoboClub.Board.Image;
using RoboClub.Compiler.Subset;

namespace RoboClub.Compiler.Codegen;

// Statements: blocks, declarations, if and the loops (break/continue targets on a stack).
internal sealed partial class CodeGenerator
{

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
                if (_f.Loops.Count == 0 || _f.Loops.Peek().Continue < 0) Report(UnsupportedConstructs.Other, s);
                else b.JumpTo(Opcode.Jump, _f.Loops.Peek().Continue);
                break;
            case ForEachStatementSyntax fe:
                ForEach(fe);
                break;
            case SwitchStatementSyntax sw:
                SwitchStatement(sw);
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
}
