using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RoboClub.Board.Image;
using RoboClub.Compiler.Subset;

namespace RoboClub.Compiler.Codegen;

// C# types to board types, and the conversions Roslyn asks for.
internal sealed partial class CodeGenerator
{

    static byte VmOfOrNone(ITypeSymbol? t)
    {
        // int[] and List<int> (of int, double/float, bool, string) are both the board's list.
        if (t is IArrayTypeSymbol { Rank: 1 } array) return ListOf(array.ElementType);
        if (IsList(t)) return ListOf(((INamedTypeSymbol)t!).TypeArguments[0]);
        return ScalarOf(t);
    }

    static byte ScalarOf(ITypeSymbol? t) => t?.SpecialType switch
    {
        SpecialType.System_Int32 => VmType.Int,
        SpecialType.System_Double or SpecialType.System_Single => VmType.Float,
        SpecialType.System_Boolean => VmType.Bool,
        SpecialType.System_String => VmType.String,
        SpecialType.System_Void => VmType.None,
        _ => 0xFF,
    };

    static byte ListOf(ITypeSymbol element)
    {
        byte e = ScalarOf(element);
        return e is VmType.Int or VmType.Float or VmType.Bool or VmType.String ? VmType.ListOf(e) : (byte)0xFF;
    }

    /// <summary>System.Collections.Generic.List&lt;T&gt; (any T).</summary>
    static bool IsList(ITypeSymbol? t) =>
        t is INamedTypeSymbol { IsGenericType: true, Name: "List", TypeArguments.Length: 1 } n
        && n.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic";

    static bool IsArray(ITypeSymbol? t) => t is IArrayTypeSymbol;

    /// <summary>The board type of a C# value type, or None (with a diagnostic) if the board has none.</summary>
    byte VmOf(ITypeSymbol? t, SyntaxNode where)
    {
        byte v = VmOfOrNone(t);
        if (v == 0xFF || v == VmType.None)
        {
            Report(WhyNoBoardType(t), where);
            return VmType.None;
        }
        return v;
    }

    /// <summary>The clearest diagnostic for a type the board has not got: int[,], a list of lists or of char, or any other type.</summary>
    static UnsupportedConstruct WhyNoBoardType(ITypeSymbol? t)
    {
        if (t is IArrayTypeSymbol a) return a.Rank > 1 ? UnsupportedConstructs.Arrays : UnsupportedConstructs.Lists;
        if (IsList(t)) return UnsupportedConstructs.Lists;
        if (t is INamedTypeSymbol { IsGenericType: true } g && g.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic")
            return UnsupportedConstructs.Lists;
        return UnsupportedConstructs.Types;
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
            case 0xFF: break;
            default: Report(UnsupportedConstructs.Types, where); break;
        }
    }
}
