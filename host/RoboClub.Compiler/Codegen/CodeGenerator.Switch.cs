using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RoboClub.Board.Image;
using RoboClub.Compiler.Subset;

namespace RoboClub.Compiler.Codegen;

// switch on an int, a double or a string: a chain of tests, one per case label or arm (the board has
// no jump tables; a child's switch has a handful of cases). Patterns: constants, < <= > >= on
// numbers, and/or/not. C# forbids falling from one section into the next, so each section ends in
// break, return, continue or an endless loop.
internal sealed partial class CodeGenerator
{
    /// <summary>The board type a switch can compare (int, double/float or string), or None with RC1012.</summary>
    byte SwitchType(ExpressionSyntax governing)
    {
        byte t = ScalarOf(_model.GetTypeInfo(governing).Type);
        if (t is VmType.Int or VmType.Float or VmType.String) return t;
        Report(UnsupportedConstructs.Switch, governing);
        return VmType.None;
    }

    /// <summary>Pushes a constant of the switch's type; false (with RC1012 or RC1028) if it is not one.</summary>
    bool PushCaseValue(ExpressionSyntax value, byte t)
    {
        var c = _model.GetConstantValue(value);
        if (!c.HasValue || c.Value == null)
        {
            Report(c.HasValue ? UnsupportedConstructs.Null : UnsupportedConstructs.Switch, value);
            return false;
        }
        switch (t)
        {
            case VmType.Int when c.Value is int i: _f.B.PushInt(i); return true;
            case VmType.Float when c.Value is int or double or float:
                _f.B.PushFloat(System.Convert.ToSingle(c.Value, System.Globalization.CultureInfo.InvariantCulture));
                return true;
            case VmType.String when c.Value is string s: _f.B.PushString(s); return true;
        }
        Report(UnsupportedConstructs.Switch, value);
        return false;
    }

    /// <summary>
    /// Leaves on the stack whether the value in <paramref name="temp"/> matches the pattern: constants
    /// (1, "red"), comparisons on numbers (&lt; 10, &gt;= 25.5) and and/or/not/parentheses of those.
    /// Patterns have no side effects, so and/or need no short-circuit. False with RC1012 otherwise.
    /// </summary>
    bool PatternTest(PatternSyntax p, int temp, byte t)
    {
        var b = _f.B;
        switch (p)
        {
            case ConstantPatternSyntax cp:
                b.Op(Opcode.LoadLocal, temp);
                if (!PushCaseValue(cp.Expression, t)) return false;
                b.Op(t switch { VmType.Int => Opcode.EqInt, VmType.Float => Opcode.EqFloat, _ => Opcode.EqString });
                return true;
            case RelationalPatternSyntax rp when t is VmType.Int or VmType.Float:
                {
                    b.Op(Opcode.LoadLocal, temp);
                    if (!PushCaseValue(rp.Expression, t)) return false;
                    bool isInt = t == VmType.Int;
                    byte? op = rp.OperatorToken.Kind() switch
                    {
                        SyntaxKind.LessThanToken => isInt ? Opcode.LtInt : Opcode.LtFloat,
                        SyntaxKind.LessThanEqualsToken => isInt ? Opcode.LeInt : Opcode.LeFloat,
                        SyntaxKind.GreaterThanToken => isInt ? Opcode.GtInt : Opcode.GtFloat,
                        SyntaxKind.GreaterThanEqualsToken => isInt ? Opcode.GeInt : Opcode.GeFloat,
                        _ => null,
                    };
                    if (op == null) { Report(UnsupportedConstructs.Switch, p); return false; }
                    b.Op(op.Value);
                    return true;
                }
            case BinaryPatternSyntax bp:
                if (!PatternTest(bp.Left, temp, t) || !PatternTest(bp.Right, temp, t)) return false;
                b.Op(bp.IsKind(SyntaxKind.AndPattern) ? Opcode.AndInt : Opcode.OrInt);
                return true;
            case UnaryPatternSyntax up when up.IsKind(SyntaxKind.NotPattern):
                if (!PatternTest(up.Pattern, temp, t)) return false;
                b.Op(Opcode.Not);
                return true;
            case ParenthesizedPatternSyntax pp:
                return PatternTest(pp.Pattern, temp, t);
            case DiscardPatternSyntax:
                b.PushTrue();
                return true;
        }
        Report(UnsupportedConstructs.Switch, p);
        return false;
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
                        b.Op(Opcode.LoadLocal, temp);
                        if (!PushCaseValue(c.Value, t)) break;
                        b.Op(t switch { VmType.Int => Opcode.EqInt, VmType.Float => Opcode.EqFloat, _ => Opcode.EqString });
                        b.JumpTo(Opcode.JumpIfTrue, bodies[s]);
                        break;
                    case CasePatternSwitchLabelSyntax { WhenClause: null } cp:
                        if (PatternTest(cp.Pattern, temp, t)) b.JumpTo(Opcode.JumpIfTrue, bodies[s]);
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

    /// <summary>x switch { 1 =&gt; a, &lt; 10 =&gt; b, _ =&gt; c }: the last arm must be _ (C# would throw when nothing matches; a board has no exceptions).</summary>
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
            if (arm.WhenClause != null) { Report(UnsupportedConstructs.Switch, arm.WhenClause); continue; }
            if (!PatternTest(arm.Pattern, temp, t)) continue;
            int next = b.NewLabel();
            b.JumpTo(Opcode.JumpIfFalse, next);
            Convert(EmitValue(arm.Expression), result, arm.Expression);
            b.JumpTo(Opcode.Jump, end);
            b.Mark(next);
        }
        b.Mark(end);
        Free(t, temp);
        return result;
    }
}
