namespace RoboClub.Board.Image
{
    /// <summary>
    /// Checks an image before anything runs, so the interpreter can trust it (docs/bytecode.md):
    /// every instruction decodes inside its function; every jump lands on an instruction of the same
    /// function; every index (string, local, global, function, primitive) exists; every instruction
    /// finds the types it needs on the stack; stacks agree wherever control flow joins; the stack
    /// never exceeds <see cref="ImageFormat.MaxStack"/>; no path runs off the end of a function;
    /// scripts and triggers are well formed. Sets <see cref="FunctionInfo.MaxStack"/>.
    /// </summary>
    public static class Verifier
    {
        public static void Verify(ProgramImage image)
        {
            if (image.Scripts.Length == 0) throw Fail(ImageException.BadScript, "the program has no scripts to run");
            // The typed form of every load/store, decided while checking types, applied only once the
            // whole image passed: a refused image is left exactly as it came.
            var typed = new byte[image.Code.Length];
            for (int f = 0; f < image.Functions.Length; f++) VerifyFunction(image, f, typed);
            for (int s = 0; s < image.Scripts.Length; s++) VerifyScript(image, s);
            for (int i = 0; i < typed.Length; i++)
            {
                if (typed[i] != 0) image.Code[i] = typed[i];
            }
        }

        static ImageException Fail(string code, string message)
        {
            return new ImageException(code, message);
        }

        static string Here(string where, int offset)
        {
            return where + "at " + offset.ToString() + ": ";
        }

        static void VerifyScript(ProgramImage image, int index)
        {
            ScriptInfo s = image.Scripts[index];
            string where = "script " + index.ToString() + ": ";
            if (!TriggerKind.IsValid(s.Trigger)) throw Fail(ImageException.BadScript, where + "unknown trigger " + s.Trigger.ToString());
            if (s.Function < 0 || s.Function >= image.Functions.Length) throw Fail(ImageException.BadScript, where + "no function " + s.Function.ToString());
            FunctionInfo body = image.Functions[s.Function];
            if (body.ParamCount != 0 || body.ReturnType != VmType.None) throw Fail(ImageException.BadScript, where + "a script's body takes no parameters and returns nothing");
            switch (s.Trigger)
            {
                case TriggerKind.Every:
                    if (s.Argument < ImageFormat.MinEveryMilliseconds) throw Fail(ImageException.BadScript, where + "'every' needs at least " + ImageFormat.MinEveryMilliseconds.ToString() + " ms");
                    break;
                case TriggerKind.When:
                    if (s.Argument < 0 || s.Argument >= image.Functions.Length) throw Fail(ImageException.BadScript, where + "no condition function " + s.Argument.ToString());
                    FunctionInfo cond = image.Functions[s.Argument];
                    if (cond.ParamCount != 0 || cond.ReturnType != VmType.Bool) throw Fail(ImageException.BadScript, where + "a 'when' condition takes no parameters and returns a bool");
                    break;
                case TriggerKind.OnMessage:
                    if (s.Argument < 0 || s.Argument >= image.Strings.Length) throw Fail(ImageException.BadScript, where + "no message name " + s.Argument.ToString());
                    break;
                default:
                    if (s.Argument != 0) throw Fail(ImageException.BadScript, where + "this trigger takes no argument");
                    break;
            }
        }

        static void VerifyFunction(ProgramImage image, int index, byte[] typed)
        {
            FunctionInfo f = image.Functions[index];
            string where = "function '" + f.Name + "': ";
            byte[] code = image.Code;
            int start = f.CodeStart, end = f.CodeStart + f.CodeLength;
            if (f.CodeLength <= 0 || start < 0 || end > code.Length || end < start) throw Fail(ImageException.BadFunction, where + "code lies outside the program");

            // 1. Instruction boundaries; operands inside the function.
            var isStart = new bool[f.CodeLength];
            int pc = start;
            while (pc < end)
            {
                byte op = code[pc];
                if (op >= Opcode.Count) throw Fail(ImageException.BadCode, where + "unknown instruction " + op.ToString() + " at " + (pc - start).ToString());
                isStart[pc - start] = true;
                int next = pc + 1 + Opcode.OperandSize(op);
                if (next > end) throw Fail(ImageException.BadCode, where + "an instruction runs past the end at " + (pc - start).ToString());
                pc = next;
            }

            // 2. Types on the stack, by abstract interpretation over every reachable path.
            var states = new byte[f.CodeLength][];  // stack types on entry to each instruction
            var work = new int[f.CodeLength + 1];
            int workCount = 0;
            states[0] = new byte[0];
            work[workCount++] = start;
            var stack = new byte[ImageFormat.MaxStack + 1];
            int maxDepth = 0;
            while (workCount > 0)
            {
                pc = work[--workCount];
                byte[] entry = states[pc - start];
                int depth = entry.Length;
                for (int i = 0; i < depth; i++) stack[i] = entry[i];
                byte op = code[pc];
                int next = pc + 1 + Opcode.OperandSize(op);
                int jumpTarget = -1;
                bool fallsThrough = true;
                int at = pc - start; // the message is only built if verification fails
                int operand = Operand(code, pc, op);

                switch (op)
                {
                    case Opcode.Nop: break;
                    case Opcode.PushInt: Push(stack, ref depth, VmType.Int, where, at); break;
                    case Opcode.PushFloat: Push(stack, ref depth, VmType.Float, where, at); break;
                    case Opcode.PushString:
                        if (operand >= image.Strings.Length) throw Fail(ImageException.BadCode, Here(where, at) + "no string " + operand.ToString());
                        Push(stack, ref depth, VmType.String, where, at);
                        break;
                    case Opcode.PushTrue:
                    case Opcode.PushFalse:
                        Push(stack, ref depth, VmType.Bool, where, at);
                        break;
                    case Opcode.Pop: PopAny(stack, ref depth, where, at); break;
                    case Opcode.Dup:
                        {
                            byte t = PopAny(stack, ref depth, where, at);
                            Push(stack, ref depth, t, where, at);
                            Push(stack, ref depth, t, where, at);
                            break;
                        }
                    case Opcode.Swap:
                        {
                            byte a = PopAny(stack, ref depth, where, at);
                            byte b = PopAny(stack, ref depth, where, at);
                            Push(stack, ref depth, a, where, at);
                            Push(stack, ref depth, b, where, at);
                            break;
                        }
                    case Opcode.LoadLocal:
                        if (operand >= f.LocalTypes.Length) throw Fail(ImageException.BadCode, Here(where, at) + "no local " + operand.ToString());
                        Push(stack, ref depth, f.LocalTypes[operand], where, at);
                        typed[pc] = Opcode.Typed(op, f.LocalTypes[operand]);
                        break;
                    case Opcode.StoreLocal:
                        if (operand >= f.LocalTypes.Length) throw Fail(ImageException.BadCode, Here(where, at) + "no local " + operand.ToString());
                        Pop(stack, ref depth, f.LocalTypes[operand], where, at);
                        typed[pc] = Opcode.Typed(op, f.LocalTypes[operand]);
                        break;
                    case Opcode.LoadGlobal:
                        if (operand >= image.GlobalTypes.Length) throw Fail(ImageException.BadCode, Here(where, at) + "no variable " + operand.ToString());
                        Push(stack, ref depth, image.GlobalTypes[operand], where, at);
                        typed[pc] = Opcode.Typed(op, image.GlobalTypes[operand]);
                        break;
                    case Opcode.StoreGlobal:
                        if (operand >= image.GlobalTypes.Length) throw Fail(ImageException.BadCode, Here(where, at) + "no variable " + operand.ToString());
                        Pop(stack, ref depth, image.GlobalTypes[operand], where, at);
                        typed[pc] = Opcode.Typed(op, image.GlobalTypes[operand]);
                        break;
                    case Opcode.AddInt:
                    case Opcode.SubInt:
                    case Opcode.MulInt:
                    case Opcode.DivInt:
                    case Opcode.ModInt:
                    case Opcode.ShlInt:
                    case Opcode.ShrInt:
                        Binary(stack, ref depth, VmType.Int, VmType.Int, where, at);
                        break;
                    case Opcode.AndInt:
                    case Opcode.OrInt:
                    case Opcode.XorInt:
                        {
                            // int & int, or bool & bool (C#'s non-short-circuit logic)
                            byte t = depth > 0 ? stack[depth - 1] : VmType.Int;
                            if (t != VmType.Bool) t = VmType.Int;
                            Binary(stack, ref depth, t, t, where, at);
                            break;
                        }
                    case Opcode.NegInt:
                    case Opcode.BitNotInt:
                        Unary(stack, ref depth, VmType.Int, VmType.Int, where, at);
                        break;
                    case Opcode.AddFloat:
                    case Opcode.SubFloat:
                    case Opcode.MulFloat:
                    case Opcode.DivFloat:
                    case Opcode.ModFloat:
                        Binary(stack, ref depth, VmType.Float, VmType.Float, where, at);
                        break;
                    case Opcode.NegFloat: Unary(stack, ref depth, VmType.Float, VmType.Float, where, at); break;
                    case Opcode.IntToFloat: Unary(stack, ref depth, VmType.Int, VmType.Float, where, at); break;
                    case Opcode.FloatToInt: Unary(stack, ref depth, VmType.Float, VmType.Int, where, at); break;
                    case Opcode.EqInt:
                    case Opcode.NeInt:
                        {
                            byte t = depth > 0 && stack[depth - 1] == VmType.Bool ? VmType.Bool : VmType.Int;
                            Binary(stack, ref depth, t, VmType.Bool, where, at);
                            break;
                        }
                    case Opcode.LtInt:
                    case Opcode.LeInt:
                    case Opcode.GtInt:
                    case Opcode.GeInt:
                        Binary(stack, ref depth, VmType.Int, VmType.Bool, where, at);
                        break;
                    case Opcode.EqFloat:
                    case Opcode.NeFloat:
                    case Opcode.LtFloat:
                    case Opcode.LeFloat:
                    case Opcode.GtFloat:
                    case Opcode.GeFloat:
                        Binary(stack, ref depth, VmType.Float, VmType.Bool, where, at);
                        break;
                    case Opcode.Not: Unary(stack, ref depth, VmType.Bool, VmType.Bool, where, at); break;
                    case Opcode.Concat: Binary(stack, ref depth, VmType.String, VmType.String, where, at); break;
                    case Opcode.IntToString: Unary(stack, ref depth, VmType.Int, VmType.String, where, at); break;
                    case Opcode.FloatToString: Unary(stack, ref depth, VmType.Float, VmType.String, where, at); break;
                    case Opcode.BoolToString: Unary(stack, ref depth, VmType.Bool, VmType.String, where, at); break;
                    case Opcode.EqString:
                    case Opcode.NeString:
                        Binary(stack, ref depth, VmType.String, VmType.Bool, where, at);
                        break;
                    case Opcode.StringLength: Unary(stack, ref depth, VmType.String, VmType.Int, where, at); break;
                    case Opcode.Jump:
                        jumpTarget = next + (short)operand;
                        fallsThrough = false;
                        break;
                    case Opcode.JumpIfFalse:
                    case Opcode.JumpIfTrue:
                        Pop(stack, ref depth, VmType.Bool, where, at);
                        jumpTarget = next + (short)operand;
                        break;
                    case Opcode.Call:
                        {
                            if (operand >= image.Functions.Length) throw Fail(ImageException.BadCode, Here(where, at) + "no function " + operand.ToString());
                            FunctionInfo callee = image.Functions[operand];
                            for (int i = callee.ParamCount - 1; i >= 0; i--) Pop(stack, ref depth, callee.LocalTypes[i], where, at);
                            if (callee.ReturnType != VmType.None) Push(stack, ref depth, callee.ReturnType, where, at);
                            break;
                        }
                    case Opcode.CallPrimitive:
                        {
                            if (operand >= image.Primitives.Length) throw Fail(ImageException.BadCode, Here(where, at) + "no board function " + operand.ToString());
                            PrimitiveRef p = image.Primitives[operand];
                            for (int i = p.ParamTypes.Length - 1; i >= 0; i--) Pop(stack, ref depth, p.ParamTypes[i], where, at);
                            if (p.ReturnType != VmType.None) Push(stack, ref depth, p.ReturnType, where, at);
                            break;
                        }
                    case Opcode.Return:
                        if (f.ReturnType != VmType.None) throw Fail(ImageException.BadCode, Here(where, at) + "this function must return a " + VmType.Name(f.ReturnType));
                        if (depth != 0) throw Fail(ImageException.BadCode, Here(where, at) + "values left on the stack at return");
                        fallsThrough = false;
                        break;
                    case Opcode.ReturnValue:
                        if (f.ReturnType == VmType.None) throw Fail(ImageException.BadCode, Here(where, at) + "this function returns nothing");
                        Pop(stack, ref depth, f.ReturnType, where, at);
                        if (depth != 0) throw Fail(ImageException.BadCode, Here(where, at) + "values left on the stack at return");
                        fallsThrough = false;
                        break;
                    case Opcode.Halt:
                        fallsThrough = false;
                        break;
                    case Opcode.Wait: Pop(stack, ref depth, VmType.Int, where, at); break;
                    case Opcode.Yield: break;
                    case Opcode.NewList:
                        if (!(operand >= VmType.Int && operand <= VmType.String)) throw Fail(ImageException.BadCode, Here(where, at) + "lists hold int, float, bool or string");
                        Push(stack, ref depth, VmType.ListOf((byte)operand), where, at);
                        break;
                    case Opcode.ListAdd:
                        {
                            byte value = PopAny(stack, ref depth, where, at);
                            PopList(stack, ref depth, value, where, at);
                            break;
                        }
                    case Opcode.ListGet:
                        {
                            Pop(stack, ref depth, VmType.Int, where, at);
                            byte list = PopAnyList(stack, ref depth, where, at);
                            Push(stack, ref depth, VmType.ElementOf(list), where, at);
                            break;
                        }
                    case Opcode.ListSet:
                    case Opcode.ListInsert:
                        {
                            byte value = PopAny(stack, ref depth, where, at);
                            Pop(stack, ref depth, VmType.Int, where, at);
                            PopList(stack, ref depth, value, where, at);
                            break;
                        }
                    case Opcode.ListCount:
                        PopAnyList(stack, ref depth, where, at);
                        Push(stack, ref depth, VmType.Int, where, at);
                        break;
                    case Opcode.ListRemoveAt:
                        Pop(stack, ref depth, VmType.Int, where, at);
                        PopAnyList(stack, ref depth, where, at);
                        break;
                    case Opcode.ListClear:
                        PopAnyList(stack, ref depth, where, at);
                        break;
                    default:
                        throw Fail(ImageException.BadCode, Here(where, at) + "unknown instruction " + op.ToString());
                }
                if (depth > maxDepth) maxDepth = depth;
                if (fallsThrough)
                {
                    if (next >= end) throw Fail(ImageException.BadCode, Here(where, at) + "the code runs off the end of the function");
                    Merge(states, work, ref workCount, stack, depth, next, start, isStart, where, at);
                }
                if (jumpTarget >= 0 || op == Opcode.Jump || op == Opcode.JumpIfFalse || op == Opcode.JumpIfTrue)
                {
                    if (jumpTarget < start || jumpTarget >= end || !isStart[jumpTarget - start])
                        throw Fail(ImageException.BadCode, Here(where, at) + "jump to " + (jumpTarget - start).ToString() + " is not an instruction of this function");
                    Merge(states, work, ref workCount, stack, depth, jumpTarget, start, isStart, where, at);
                }
            }
            f.MaxStack = maxDepth;
        }

        static int Operand(byte[] code, int pc, byte op)
        {
            switch (Opcode.OperandSize(op))
            {
                case 1: return code[pc + 1];
                case 2: return code[pc + 1] | code[pc + 2] << 8;
                default: return 0;
            }
        }

        /// <summary>Records the stack on entry to <paramref name="target"/>; paths that meet must agree.</summary>
        static void Merge(byte[][] states, int[] work, ref int workCount, byte[] stack, int depth, int target, int start, bool[] isStart, string where, int at)
        {
            byte[] seen = states[target - start];
            if (seen == null)
            {
                var copy = new byte[depth];
                for (int i = 0; i < depth; i++) copy[i] = stack[i];
                states[target - start] = copy;
                work[workCount++] = target;
                return;
            }
            if (seen.Length != depth) throw Fail(ImageException.BadCode, Here(where, at) + "paths reach " + (target - start).ToString() + " with different stack depths");
            for (int i = 0; i < depth; i++)
            {
                if (seen[i] != stack[i]) throw Fail(ImageException.BadCode, Here(where, at) + "paths reach " + (target - start).ToString() + " with different value types");
            }
        }

        static void Push(byte[] stack, ref int depth, byte type, string where, int at)
        {
            if (depth >= ImageFormat.MaxStack) throw Fail(ImageException.BadCode, Here(where, at) + "the stack is deeper than " + ImageFormat.MaxStack.ToString());
            stack[depth++] = type;
        }

        static byte PopAny(byte[] stack, ref int depth, string where, int at)
        {
            if (depth == 0) throw Fail(ImageException.BadCode, Here(where, at) + "takes a value from an empty stack");
            return stack[--depth];
        }

        static void Pop(byte[] stack, ref int depth, byte expected, string where, int at)
        {
            byte t = PopAny(stack, ref depth, where, at);
            if (t != expected) throw Fail(ImageException.BadCode, Here(where, at) + "needs a " + VmType.Name(expected) + " but finds a " + VmType.Name(t));
        }

        static byte PopAnyList(byte[] stack, ref int depth, string where, int at)
        {
            byte t = PopAny(stack, ref depth, where, at);
            if (!VmType.IsList(t)) throw Fail(ImageException.BadCode, Here(where, at) + "needs a list but finds a " + VmType.Name(t));
            return t;
        }

        static void PopList(byte[] stack, ref int depth, byte element, string where, int at)
        {
            byte t = PopAnyList(stack, ref depth, where, at);
            if (VmType.ElementOf(t) != element) throw Fail(ImageException.BadCode, Here(where, at) + "puts a " + VmType.Name(element) + " into a " + VmType.Name(t));
        }

        static void Unary(byte[] stack, ref int depth, byte input, byte result, string where, int at)
        {
            Pop(stack, ref depth, input, where, at);
            Push(stack, ref depth, result, where, at);
        }

        static void Binary(byte[] stack, ref int depth, byte input, byte result, string where, int at)
        {
            Pop(stack, ref depth, input, where, at);
            Pop(stack, ref depth, input, where, at);
            Push(stack, ref depth, result, where, at);
        }
    }
}
