using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RoboClub.Board.Image;
using RoboClub.Compiler.Subset;

namespace RoboClub.Compiler.Codegen;

// switch on an int or a string: a chain of comparisons against the constant case values (the board
// has no jump tables; a child's switch has a handful of cases). C# forbids falling from one section
// into the next, so each section ends in break, return, continue or an endless loop.
internal sealed partial class CodeGenerator
{
    /// <summary>The board type a switch can compare (int, bool-free: int or string), or None with RC1012.</summary>
    byte SwitchType(ExpressionSyntax governing)
    {
        byte t = ScalarOf(_model.GetTypeInfo(governing).Type);
        if (t is VmType.Int or VmType.String) return t;
        Report(UnsupportedConstructs.Switch, governing);
        return VmType.None;
    }

    /// <summary>A case value: a constant of the switch's type (int or string), or null with RC1012.</summary>
    object? CaseValue(ExpressionSyntax value, byte t)
    {
        var c = _model.GetConstantValue(value);
        if (c.HasValue && ((t == VmType.Int && c.Value is int) || (t == VmType.String && c.Value is string))) return c.Value;
        Report(c.HasValue && c.Value == null ? UnsupportedConstructs.Null : UnsupportedConstructs.Switch, value);
        return null;
    }

    /// <summary>Compares the value in <paramref name="temp"/> with a case value and jumps to <paramref name="label"/> when equal.</summary>
    void JumpIfCase(int temp, byte t, object value, int label)
    {
        var b = _f.B;
        b.Op(Opcode.LoadLocal, temp);
        if (t == VmType.Int) b.PushInt((int)value).Op(Opcode.EqInt);
        else b.PushString((string)value).Op(Opcode.EqString);
        b.JumpTo(Opcode.JumpIfTrue, label);
    }

    void SwitchStatement(SwitchStatementSyntax sw)
    {
        var b = _f.B;
        byte t = SwitchType(sw.Expression);
        if (t == VmType.None) return;
        int temp = Temp(t, sw);
        Convert(EmitValue(sw.Expression), t, sw.Expression);
        b.Op(Opcode.StoreLocal, temp);
        int end = b.NewLabel(), otherwise = end;
        var bodies = new int[sw.Sections.Count];
        for (int s = 0; s < sw.Sections.Count; s++)
        {
            bodies[s] = b.NewLabel();
            foreach (var label in sw.Sections[s].Labels)
            {
                switch (label)
                {
                    case CaseSwitchLabelSyntax c:
                        if (CaseValue(c.Value, t) is object v) JumpIfCase(temp, t, v, bodies[s]);
                        break;
                    case CasePatternSwitchLabelSyntax { Pattern: ConstantPatternSyntax cp, WhenClause: null }:
                        if (CaseValue(cp.Expression, t) is object pv) JumpIfCase(temp, t, pv, bodies[s]);
                        break;
                    case DefaultSwitchLabelSyntax:
                        otherwise = bodies[s];
                        break;
                    default:
                        Report(UnsupportedConstructs.Switch, label);
                        break;
                }
            }
        }
        b.JumpTo(Opcode.Jump, otherwise);
        Free(t, temp); // the value is not read inside the sections
        // break leaves the switch; continue still belongs to the loop around it (if any).
        int outerContinue = _f.Loops.Count > 0 ? _f.Loops.Peek().Continue : -1;
        _f.Loops.Push((end, outerContinue));
        for (int s = 0; s < sw.Sections.Count; s++)
        {
            b.Mark(bodies[s]);
            foreach (var st in sw.Sections[s].Statements) Statement(st);
            b.JumpTo(Opcode.Jump, end);
        }
        _f.Loops.Pop();
        b.Mark(end);
    }

    /// <summary>x switch { 1 =&gt; a, 2 =&gt; b, _ =&gt; c }: the last arm must be _ (C# would throw when nothing matches).</summary>
    byte SwitchExpression(SwitchExpressionSyntax sw)
    {
        var b = _f.B;
        byte t = SwitchType(sw.GoverningExpression);
        byte result = VmOf(_model.GetTypeInfo(sw).Type, sw);
        if (t == VmType.None || result == VmType.None) return VmType.None;
        if (sw.Arms.Count == 0 || sw.Arms[^1].Pattern is not DiscardPatternSyntax || sw.Arms[^1].WhenClause != null)
        {
            Report(UnsupportedConstructs.Switch, sw);
            return VmType.None;
        }
        int temp = Temp(t, sw);
        Convert(EmitValue(sw.GoverningExpression), t, sw.GoverningExpression);
        b.Op(Opcode.StoreLocal, temp);
        int end = b.NewLabel();
        foreach (var arm in sw.Arms)
        {
            if (arm.Pattern is DiscardPatternSyntax && arm.WhenClause == null)
            {
                Convert(EmitValue(arm.Expression), result, arm.Expression);
                b.JumpTo(Opcode.Jump, end);
                break;
            }
            if (arm.Pattern is not ConstantPatternSyntax cp || arm.WhenClause != null) { Report(UnsupportedConstructs.Switch, arm); continue; }
            if (CaseValue(cp.Expression, t) is not object v) continue;
            int next = b.NewLabel(), here = b.NewLabel();
            JumpIfCase(temp, t, v, here);
            b.JumpTo(Opcode.Jump, next);
            b.Mark(here);
            Convert(EmitValue(arm.Expression), result, arm.Expression);
            b.JumpTo(Opcode.Jump, end);
            b.Mark(next);
        }
        b.Mark(end);
        Free(t, temp);
        return result;
    }
}
