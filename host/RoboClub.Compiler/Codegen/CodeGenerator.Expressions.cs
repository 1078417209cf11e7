using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RoboClub.Board.Image;
using RoboClub.Compiler.Subset;

namespace RoboClub.Compiler.Codegen;

// Expressions: constants, variables, operators, assignments; values left on the stack with their board type.
internal sealed partial class CodeGenerator
{

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
                        else if (part is InterpolationSyntax hole) InterpolationHole(hole);
                        if (!first) b.Op(Opcode.Concat);
                        first = false;
                    }
                    if (first) b.PushString("");
                    return VmType.String;
                }
            case InvocationExpressionSyntax inv:
                return Invocation(inv);
            case ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax or InitializerExpressionSyntax
                or CollectionExpressionSyntax or BaseObjectCreationExpressionSyntax:
                return NewListExpression(e);
            case ElementAccessExpressionSyntax ea:
                return ElementGet(ea);
            case SwitchExpressionSyntax sw:
                return SwitchExpression(sw);
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
            case IPropertySymbol { Name: "Length" or "Count" } p when e is MemberAccessExpressionSyntax la
                    && (p.ContainingType.SpecialType == SpecialType.System_Array || IsList(p.ContainingType)):
                {
                    // array.Length and list.Count: the board list's count
                    byte lt = VmOfOrNone(_model.GetTypeInfo(la.Expression).Type);
                    if (!VmType.IsList(lt)) { Report(UnsupportedConstructs.Lists, e); return VmType.None; }
                    Emit(la.Expression, needValue: true);
                    _f.B.Op(Opcode.ListCount);
                    return VmType.Int;
                }
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
        if (a.Left is ElementAccessExpressionSyntax ea) return ElementAssignment(a, ea, needValue);
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
            SyntaxKind kind = CompoundOperator(a);
            if (kind == SyntaxKind.None) { Report(UnsupportedConstructs.Other, a); return VmType.None; }
            byte result = Operator(kind, op, a, () => Load(target, a.Left), () => Emit(a.Right, needValue: true));
            Convert(result, t, a);
        }
        if (needValue) _f.B.Op(Opcode.Dup);
        Store(target, a.Left);
        return needValue ? t : VmType.None;
    }

    /// <summary>The binary operator of a compound assignment (+= is +), or None.</summary>
    static SyntaxKind CompoundOperator(AssignmentExpressionSyntax a) => a.Kind() switch
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

    byte Increment(ExpressionSyntax operand, bool up, bool prefix, bool needValue)
    {
        if (operand is ElementAccessExpressionSyntax ea) return ElementIncrement(ea, up, prefix, needValue);
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
}
