using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RoboClub.Board.Image;
using RoboClub.Board.Vm;
using RoboClub.Compiler.Subset;

namespace RoboClub.Compiler.Codegen;

// Text: string methods become text.* primitives (the instruction set stays small), number formats
// ({x:F2}, x.ToString("D3")) the text.format* primitives, alignment ({x,6}) text.pad. Only the
// string-argument overloads are taken: the board has no char and no culture/comparison arguments.
internal sealed partial class CodeGenerator
{
    /// <summary>Instance methods of string: name/argument count → primitive and its signature.</summary>
    static readonly Dictionary<string, (string Primitive, byte[] Params, byte Return)> StringMethods = new()
    {
        ["ToUpper/0"] = ("text.upper", [VmType.String], VmType.String),
        ["ToLower/0"] = ("text.lower", [VmType.String], VmType.String),
        ["ToUpperInvariant/0"] = ("text.upper", [VmType.String], VmType.String),
        ["ToLowerInvariant/0"] = ("text.lower", [VmType.String], VmType.String),
        ["Trim/0"] = ("text.trim", [VmType.String], VmType.String),
        ["Contains/1"] = ("text.contains", [VmType.String, VmType.String], VmType.Bool),
        ["StartsWith/1"] = ("text.startsWith", [VmType.String, VmType.String], VmType.Bool),
        ["EndsWith/1"] = ("text.endsWith", [VmType.String, VmType.String], VmType.Bool),
        ["IndexOf/1"] = ("text.indexOf", [VmType.String, VmType.String], VmType.Int),
        ["Substring/1"] = ("text.substringFrom", [VmType.String, VmType.Int], VmType.String),
        ["Substring/2"] = ("text.substring", [VmType.String, VmType.Int, VmType.Int], VmType.String),
        ["Replace/2"] = ("text.replace", [VmType.String, VmType.String, VmType.String], VmType.String),
        ["PadLeft/1"] = ("text.padLeft", [VmType.String, VmType.Int], VmType.String),
        ["PadRight/1"] = ("text.padRight", [VmType.String, VmType.Int], VmType.String),
    };

    /// <summary>string methods, string.IsNullOrEmpty, int.Parse, double.Parse and ToString(); false when <paramref name="m"/> is none of them.</summary>
    bool TryTextMethod(InvocationExpressionSyntax inv, IMethodSymbol m, out byte result)
    {
        var b = _f.B;
        var args = inv.ArgumentList.Arguments;
        result = VmType.None;
        var owner = m.ContainingType.SpecialType;

        if (m.Name == "ToString" && !m.IsStatic && inv.Expression is MemberAccessExpressionSyntax tm)
        {
            byte t = ScalarOf(_model.GetTypeInfo(tm.Expression).Type);
            if (t is VmType.Int or VmType.Float or VmType.Bool or VmType.String && args.Count == 0)
            {
                ToText(Emit(tm.Expression, needValue: true), inv);
                result = VmType.String;
                return true;
            }
            if (t is VmType.Int or VmType.Float && args.Count == 1 && ScalarOf(m.Parameters[0].Type) == VmType.String)
            {
                Emit(tm.Expression, needValue: true);
                if (!FormattedText(t, args[0].Expression, args[0])) return true;
                result = VmType.String;
                return true;
            }
            return false;
        }
        if (owner == SpecialType.System_String && m.IsStatic && m.Name == "IsNullOrEmpty" && args.Count == 1)
        {
            // no null on a board: empty text
            Convert(EmitValue(args[0].Expression), VmType.String, args[0]);
            b.Op(Opcode.StringLength).PushInt(0).Op(Opcode.EqInt);
            result = VmType.Bool;
            return true;
        }
        if (owner == SpecialType.System_Int32 && m.IsStatic && m.Name == "Parse" && args.Count == 1 && ScalarOf(m.Parameters[0].Type) == VmType.String)
        {
            Convert(EmitValue(args[0].Expression), VmType.String, args[0]);
            b.Op(Opcode.CallPrimitive, _image.AddPrimitive("text.parseInt", [VmType.String], VmType.Int));
            result = VmType.Int;
            return true;
        }
        if (owner is SpecialType.System_Double or SpecialType.System_Single && m.IsStatic && m.Name == "Parse" && args.Count == 1 && ScalarOf(m.Parameters[0].Type) == VmType.String)
        {
            // double.Parse gives the board's float, rounded once from the text (as float.Parse does)
            Convert(EmitValue(args[0].Expression), VmType.String, args[0]);
            b.Op(Opcode.CallPrimitive, _image.AddPrimitive("text.parseFloat", [VmType.String], VmType.Float));
            result = VmType.Float;
            return true;
        }
        if (owner != SpecialType.System_String || m.IsStatic || inv.Expression is not MemberAccessExpressionSyntax ma) return false;
        if (!StringMethods.TryGetValue(m.Name + "/" + args.Count, out var p)) return false;
        for (int i = 0; i < args.Count; i++)
            if (ScalarOf(m.Parameters[i].Type) != p.Params[i + 1]) return false; // Contains(char), IndexOf(char)...
        Emit(ma.Expression, needValue: true);
        for (int i = 0; i < args.Count; i++) Convert(EmitValue(args[i].Expression), p.Params[i + 1], args[i]);
        b.Op(Opcode.CallPrimitive, _image.AddPrimitive(p.Primitive, p.Params, p.Return));
        result = p.Return;
        return true;
    }

    /// <summary>The number on the stack (int or float) as text in a constant standard format; false (and RC1024) otherwise.</summary>
    bool FormattedText(byte t, ExpressionSyntax formatExpression, SyntaxNode where)
    {
        var c = _model.GetConstantValue(formatExpression);
        if (!c.HasValue || c.Value is not string format) { Report(UnsupportedConstructs.FormatSpecifier, where); return false; }
        return FormattedText(t, format, where);
    }

    bool FormattedText(byte t, string format, SyntaxNode where)
    {
        // Checked now with the board's own formatter: a format it refuses is a compile error, not a surprise on the board.
        bool known = t == VmType.Int ? NumberText.FormatInt(1, format) != null : NumberText.FormatFloat(1, format) != null;
        if (!known) { Report(UnsupportedConstructs.FormatSpecifier, where); return false; }
        _f.B.PushString(format);
        _f.B.Op(Opcode.CallPrimitive, t == VmType.Int
            ? _image.AddPrimitive("text.formatInt", [VmType.Int, VmType.String], VmType.String)
            : _image.AddPrimitive("text.formatFloat", [VmType.Float, VmType.String], VmType.String));
        return true;
    }

    /// <summary>One {hole} of $"...": its value as text, formatted ({x:F2}) and aligned ({x,6}) as string.Format does.</summary>
    void InterpolationHole(InterpolationSyntax hole)
    {
        byte t = Emit(hole.Expression, needValue: true);
        if (hole.FormatClause != null && t is VmType.Int or VmType.Float)
        {
            if (!FormattedText(t, hole.FormatClause.FormatStringToken.ValueText, hole.FormatClause)) return;
        }
        else ToText(t, hole.Expression); // strings and bools ignore a format, as in C#
        if (hole.AlignmentClause != null)
        {
            var width = _model.GetConstantValue(hole.AlignmentClause.Value);
            if (!width.HasValue || width.Value is not int w) { Report(UnsupportedConstructs.FormatSpecifier, hole.AlignmentClause); return; }
            _f.B.PushInt(w);
            _f.B.Op(Opcode.CallPrimitive, _image.AddPrimitive("text.pad", [VmType.String, VmType.Int], VmType.String));
        }
    }
}
