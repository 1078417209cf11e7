using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RoboClub.Board.Image;
using RoboClub.Compiler.Subset;

namespace RoboClub.Compiler.Codegen;

// C# types to board types, and the conversions Roslyn asks for.
internal sealed partial class CodeGenerator
{

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
}
