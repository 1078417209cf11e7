using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RoboClub.Board.Image;
using RoboClub.Compiler.Subset;

namespace RoboClub.Compiler.Codegen;

// Calls: local functions, child-API primitives, Console and Math.
internal sealed partial class CodeGenerator
{

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

        if (IsList(m.ContainingType)) return ListMethod(inv, m);
        if (TryTextMethod(inv, m, out byte text)) return text;

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
                // A primitive, not inline code: Math.Abs(int.MinValue) must stop with Overflow as C# throws.
                Emit(args[0].Expression, needValue: true);
                b.Op(Opcode.CallPrimitive, _image.AddPrimitive("math.absInt", [VmType.Int], VmType.Int));
                return VmType.Int;
            }
            if ((m.Name == "Max" || m.Name == "Min") && ret == VmType.Float && args.Count == 2)
            {
                // Primitives: .NET's rules for NaN and for +0 against -0 are not a plain comparison.
                Convert(EmitValue(args[0].Expression), VmType.Float, args[0]);
                Convert(EmitValue(args[1].Expression), VmType.Float, args[1]);
                b.Op(Opcode.CallPrimitive, _image.AddPrimitive(m.Name == "Max" ? "math.max" : "math.min", [VmType.Float, VmType.Float], VmType.Float));
                return VmType.Float;
            }
            if ((m.Name == "Max" || m.Name == "Min") && ret == VmType.Int && args.Count == 2)
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
