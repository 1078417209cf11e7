using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RoboClub.Board.Image;
using RoboClub.Compiler.Subset;

namespace RoboClub.Compiler.Codegen;

// Lists: arrays (int[]) and List<T> both become the board's list, a reference like in C#, so two
// variables can share one list. Building, indexing, Count/Length, the List methods and foreach.
internal sealed partial class CodeGenerator
{
    static string Suffix(byte element) => element switch
    {
        VmType.Int => "int",
        VmType.Float => "float",
        VmType.Bool => "bool",
        _ => "string",
    };

    /// <summary>A scratch local of this type, reused once freed (a board function has at most 64 locals).</summary>
    int Temp(byte t, SyntaxNode where)
    {
        if (_f.FreeTemps.TryGetValue(t, out var free) && free.Count > 0) return free.Pop();
        return NewLocal(t, where);
    }

    void Free(byte t, int slot)
    {
        if (!_f.FreeTemps.TryGetValue(t, out var free)) _f.FreeTemps[t] = free = new Stack<int>();
        free.Push(slot);
    }

    /// <summary>The list type an expression makes: its own type, or (for { 1, 2 } and [1, 2]) the type it becomes.</summary>
    byte ListTypeOf(ExpressionSyntax e)
    {
        var info = _model.GetTypeInfo(e);
        var type = info.Type ?? info.ConvertedType;
        if (e is CollectionExpressionSyntax || e is ImplicitObjectCreationExpressionSyntax) type = info.ConvertedType ?? info.Type;
        if (type is not IArrayTypeSymbol && !IsList(type))
        {
            Report(e is ImplicitObjectCreationExpressionSyntax ? UnsupportedConstructs.Objects : UnsupportedConstructs.Lists, e);
            return VmType.None;
        }
        return VmOf(type, e);
    }

    /// <summary>new int[n], new[] { … }, { … }, [ … ], new List&lt;T&gt;(), new List&lt;T&gt; { … }: a new list on the stack.</summary>
    byte NewListExpression(ExpressionSyntax e)
    {
        byte t = ListTypeOf(e);
        if (t == VmType.None) return VmType.None;
        byte element = VmType.ElementOf(t);
        var b = _f.B;
        switch (e)
        {
            case ArrayCreationExpressionSyntax ac:
                {
                    var size = ac.Type.RankSpecifiers[0].Sizes[0];
                    if (ac.Initializer == null && size is not OmittedArraySizeExpressionSyntax)
                    {
                        // new int[n]: n default values (0, false, ""; the board has no null).
                        Convert(EmitValue(size), VmType.Int, size);
                        b.Op(Opcode.CallPrimitive, _image.AddPrimitive("list.filled." + Suffix(element), [VmType.Int], t));
                        return t;
                    }
                    Items(element, ac.Initializer?.Expressions);
                    return t;
                }
            case ImplicitArrayCreationExpressionSyntax ia:
                Items(element, ia.Initializer.Expressions);
                return t;
            case InitializerExpressionSyntax init:
                Items(element, init.Expressions);
                return t;
            case CollectionExpressionSyntax ce:
                {
                    var items = new List<ExpressionSyntax>();
                    foreach (var el in ce.Elements)
                    {
                        if (el is ExpressionElementSyntax x) items.Add(x.Expression);
                        else Report(UnsupportedConstructs.Lists, el);
                    }
                    Items(element, items);
                    return t;
                }
            case BaseObjectCreationExpressionSyntax oc:
                {
                    var args = oc.ArgumentList?.Arguments ?? default;
                    if (args.Count > 0)
                    {
                        // new List<int>(capacity) is an empty list; new List<int>(otherList) copies: not yet.
                        if (args.Count == 1 && ScalarOf(_model.GetTypeInfo(args[0].Expression).Type) == VmType.Int)
                        {
                            Convert(EmitValue(args[0].Expression), VmType.Int, args[0]);
                            b.Op(Opcode.Pop);
                        }
                        else { Report(UnsupportedConstructs.ListMethod, oc); return VmType.None; }
                    }
                    if (oc.Initializer != null && !oc.Initializer.IsKind(SyntaxKind.CollectionInitializerExpression))
                    {
                        Report(UnsupportedConstructs.Objects, oc.Initializer);
                        return VmType.None;
                    }
                    Items(element, oc.Initializer?.Expressions);
                    return t;
                }
        }
        Report(UnsupportedConstructs.Lists, e);
        return VmType.None;
    }

    /// <summary>NewList, then each item added in order.</summary>
    void Items(byte element, IEnumerable<ExpressionSyntax>? items)
    {
        var b = _f.B;
        b.Op(Opcode.NewList, element);
        if (items == null) return;
        foreach (var item in items)
        {
            if (item is InitializerExpressionSyntax) { Report(UnsupportedConstructs.Lists, item); continue; }
            b.Op(Opcode.Dup);
            Convert(EmitValue(item), element, item);
            b.Op(Opcode.ListAdd);
        }
    }

    /// <summary>The list and the position of list[i] on the stack; returns the element type, or None.</summary>
    byte ListAndIndex(ElementAccessExpressionSyntax ea)
    {
        byte t = VmOfOrNone(_model.GetTypeInfo(ea.Expression).Type);
        if (!VmType.IsList(t))
        {
            // text[i] is a char, which boards do not have.
            Report(ScalarOf(_model.GetTypeInfo(ea.Expression).Type) == VmType.String ? UnsupportedConstructs.Types : UnsupportedConstructs.Lists, ea);
            return VmType.None;
        }
        if (ea.ArgumentList.Arguments.Count != 1) { Report(UnsupportedConstructs.Arrays, ea); return VmType.None; }
        Emit(ea.Expression, needValue: true);
        var index = ea.ArgumentList.Arguments[0].Expression;
        Convert(EmitValue(index), VmType.Int, index);
        return VmType.ElementOf(t);
    }

    byte ElementGet(ElementAccessExpressionSyntax ea)
    {
        byte element = ListAndIndex(ea);
        if (element == VmType.None) return VmType.None;
        _f.B.Op(Opcode.ListGet);
        return element;
    }

    /// <summary>list[i] = v, list[i] op= v (list and position evaluated once, as in C#).</summary>
    byte ElementAssignment(AssignmentExpressionSyntax a, ElementAccessExpressionSyntax ea, bool needValue)
    {
        var b = _f.B;
        if (a.IsKind(SyntaxKind.SimpleAssignmentExpression))
        {
            byte element = ListAndIndex(ea);
            if (element == VmType.None) return VmType.None;
            Convert(EmitValue(a.Right), element, a.Right);
            return SetKeepingValue(element, needValue, a);
        }
        var op = _model.GetSymbolInfo(a).Symbol as IMethodSymbol;
        var kind = CompoundOperator(a);
        if (op == null || op.Parameters.Length != 2 || kind == SyntaxKind.None) { Report(UnsupportedConstructs.Other, a); return VmType.None; }
        return ElementUpdate(ea, a, element =>
        {
            byte result = Operator(kind, op, a, () => element, () => Emit(a.Right, needValue: true));
            Convert(result, element, a);
        }, needValue, valueBefore: false);
    }

    /// <summary>list[i]++ and friends.</summary>
    byte ElementIncrement(ElementAccessExpressionSyntax ea, bool up, bool prefix, bool needValue)
    {
        return ElementUpdate(ea, ea, element =>
        {
            if (element == VmType.Int) _f.B.PushInt(1).Op(up ? Opcode.AddInt : Opcode.SubInt);
            else if (element == VmType.Float) _f.B.PushFloat(1).Op(up ? Opcode.AddFloat : Opcode.SubFloat);
            else Report(UnsupportedConstructs.Types, ea);
        }, needValue, valueBefore: !prefix);
    }

    /// <summary>Reads list[i], lets <paramref name="change"/> turn the old value (on the stack) into the new one, stores it.
    /// With needValue the expression's value is left: the old one (valueBefore, x++) or the new one.</summary>
    byte ElementUpdate(ElementAccessExpressionSyntax ea, SyntaxNode where, Action<byte> change, bool needValue, bool valueBefore)
    {
        var b = _f.B;
        byte listType = VmOfOrNone(_model.GetTypeInfo(ea.Expression).Type);
        byte element = ListAndIndex(ea);
        if (element == VmType.None) return VmType.None;
        int index = Temp(VmType.Int, where), list = Temp(listType, where);
        b.Op(Opcode.StoreLocal, index).Op(Opcode.StoreLocal, list);
        b.Op(Opcode.LoadLocal, list).Op(Opcode.LoadLocal, index);
        b.Op(Opcode.LoadLocal, list).Op(Opcode.LoadLocal, index).Op(Opcode.ListGet);
        int old = -1;
        if (needValue && valueBefore)
        {
            old = Temp(element, where);
            b.Op(Opcode.Dup).Op(Opcode.StoreLocal, old);
        }
        change(element);
        Free(VmType.Int, index);
        Free(listType, list);
        if (old >= 0)
        {
            b.Op(Opcode.ListSet).Op(Opcode.LoadLocal, old);
            Free(element, old);
            return element;
        }
        return SetKeepingValue(element, needValue, where);
    }

    /// <summary>list i v → ListSet; with needValue, v stays on the stack (kept in a scratch local meanwhile).</summary>
    byte SetKeepingValue(byte element, bool needValue, SyntaxNode where)
    {
        var b = _f.B;
        if (!needValue) { b.Op(Opcode.ListSet); return VmType.None; }
        int keep = Temp(element, where);
        b.Op(Opcode.Dup).Op(Opcode.StoreLocal, keep).Op(Opcode.ListSet).Op(Opcode.LoadLocal, keep);
        Free(element, keep);
        return element;
    }

    /// <summary>Methods of List&lt;T&gt;: Add, Insert, RemoveAt, Clear, Contains, IndexOf, Remove.</summary>
    byte ListMethod(InvocationExpressionSyntax inv, IMethodSymbol m)
    {
        var b = _f.B;
        var args = inv.ArgumentList.Arguments;
        if (inv.Expression is not MemberAccessExpressionSyntax ma || m.IsStatic) { Report(UnsupportedConstructs.ListMethod, inv); return VmType.None; }
        byte listType = VmOfOrNone(m.ContainingType);
        if (!VmType.IsList(listType)) { Report(UnsupportedConstructs.Lists, inv); return VmType.None; }
        byte element = VmType.ElementOf(listType);
        bool elementParams = m.Parameters.All(p => SymbolEqualityComparer.Default.Equals(p.Type, m.ContainingType.TypeArguments[0]) || p.Type.SpecialType == SpecialType.System_Int32);
        string key = m.Name + "/" + args.Count;
        if (!elementParams || key is not ("Add/1" or "Insert/2" or "RemoveAt/1" or "Clear/0" or "Contains/1" or "IndexOf/1" or "Remove/1"))
        {
            Report(UnsupportedConstructs.ListMethod, inv);
            return VmType.None;
        }
        Emit(ma.Expression, needValue: true);
        for (int i = 0; i < args.Count; i++) Convert(EmitValue(args[i].Expression), VmOfOrNone(m.Parameters[i].Type), args[i]);
        switch (m.Name)
        {
            case "Add": b.Op(Opcode.ListAdd); return VmType.None;
            case "Insert": b.Op(Opcode.ListInsert); return VmType.None;
            case "RemoveAt": b.Op(Opcode.ListRemoveAt); return VmType.None;
            case "Clear": b.Op(Opcode.ListClear); return VmType.None;
            case "IndexOf":
                b.Op(Opcode.CallPrimitive, _image.AddPrimitive("list.indexOf." + Suffix(element), [listType, element], VmType.Int));
                return VmType.Int;
            case "Contains":
                b.Op(Opcode.CallPrimitive, _image.AddPrimitive("list.indexOf." + Suffix(element), [listType, element], VmType.Int));
                b.PushInt(0).Op(Opcode.GeInt);
                return VmType.Bool;
            default: // Remove
                b.Op(Opcode.CallPrimitive, _image.AddPrimitive("list.remove." + Suffix(element), [listType, element], VmType.Bool));
                return VmType.Bool;
        }
    }

    /// <summary>
    /// foreach (var x in list): walks positions 0..n-1 (n read once; an array cannot change length).
    /// For a List, every step (the last one too) first compares the list's version with the one at
    /// the start: any Add, Insert, Remove, Clear or list[i] = v inside the loop stops the program
    /// with ListChanged on the foreach line, exactly where C# throws InvalidOperationException.
    /// Arrays have no such check: C# lets a foreach see items change in an array.
    /// </summary>
    void ForEach(ForEachStatementSyntax fe)
    {
        var b = _f.B;
        byte listType = VmOfOrNone(_model.GetTypeInfo(fe.Expression).Type);
        if (!VmType.IsList(listType))
        {
            var type = _model.GetTypeInfo(fe.Expression).Type;
            Report(type is IArrayTypeSymbol || IsList(type) ? WhyNoBoardType(type) : UnsupportedConstructs.Foreach, fe.Expression);
            return;
        }
        if (_model.GetDeclaredSymbol(fe) is not ILocalSymbol variable) { Report(UnsupportedConstructs.Foreach, fe); return; }
        byte varType = VmOf(variable.Type, fe.Identifier.Parent ?? fe);
        if (varType == VmType.None) return;
        bool checkVersion = IsList(_model.GetTypeInfo(fe.Expression).Type);
        byte element = VmType.ElementOf(listType);

        int list = Temp(listType, fe), count = Temp(VmType.Int, fe), i = Temp(VmType.Int, fe);
        int version = checkVersion ? Temp(VmType.Int, fe) : -1;
        if (!_globals.ContainsKey(variable) && !_f.Locals.ContainsKey(variable)) _f.Locals[variable] = NewLocal(varType, fe);
        Emit(fe.Expression, needValue: true);
        b.Op(Opcode.Dup).Op(Opcode.StoreLocal, list).Op(Opcode.ListCount).Op(Opcode.StoreLocal, count);
        b.PushInt(0).Op(Opcode.StoreLocal, i);
        if (checkVersion)
        {
            b.Op(Opcode.LoadLocal, list);
            b.Op(Opcode.CallPrimitive, _image.AddPrimitive("list.version." + Suffix(element), [listType], VmType.Int));
            b.Op(Opcode.StoreLocal, version);
        }
        int top = b.NewLabel(), cont = b.NewLabel(), end = b.NewLabel();
        b.Mark(top);
        MapHere(fe); // a ListChanged error points at the foreach line
        if (checkVersion)
        {
            b.Op(Opcode.LoadLocal, list).Op(Opcode.LoadLocal, version);
            b.Op(Opcode.CallPrimitive, _image.AddPrimitive("list.unchanged." + Suffix(element), [listType, VmType.Int], VmType.None));
        }
        b.Op(Opcode.LoadLocal, i).Op(Opcode.LoadLocal, count).Op(Opcode.GeInt);
        b.JumpTo(Opcode.JumpIfTrue, end);
        b.Op(Opcode.LoadLocal, list).Op(Opcode.LoadLocal, i).Op(Opcode.ListGet);
        Convert(element, varType, fe);
        Store(variable, fe);
        Loop(fe.Statement, end, cont);
        b.Mark(cont);
        MapHere(fe);
        b.Op(Opcode.LoadLocal, i).PushInt(1).Op(Opcode.AddInt).Op(Opcode.StoreLocal, i);
        b.JumpTo(Opcode.Jump, top);
        b.Mark(end);
        Free(listType, list); Free(VmType.Int, count); Free(VmType.Int, i);
        if (version >= 0) Free(VmType.Int, version);
    }
}
