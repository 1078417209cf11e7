using System;
using RoboClub.Board.Image;

namespace RoboClub.Board.Vm
{
    /// <summary>
    /// Runs verified code. One method, one switch over byte opcodes (fewer than 255 cases, as
    /// nanoFramework's IL interpreter needs), state in locals, values in preallocated arrays: an
    /// executed instruction allocates nothing (only strings and list growth do, by nature). The
    /// verifier has checked types, indexes and jumps, so no instruction checks them again; what can
    /// only be known at run time (division by zero, list indexes, call depth) is a runtime error.
    /// </summary>
    public static class Interpreter
    {
        /// <summary>
        /// Runs <paramref name="task"/> for at most <paramref name="budget"/> instructions and returns how
        /// many it executed. Afterwards the task is Ready (budget used up or it yielded), Waiting, Done or Failed.
        /// </summary>
        public static int Run(LoadedProgram program, VmTask task, int budget, long nowMs)
        {
            byte[] code = program.Code;
            int[] ints = task.Ints;
            float[] floats = task.Floats;
            object[] refs = task.Refs;
            int[] gInts = program.GlobalInts;
            float[] gFloats = program.GlobalFloats;
            object[] gRefs = program.GlobalRefs;
            int pc = task.Pc, sp = task.Sp, bp = task.Base;
            int executed = 0;
            int at = pc; // start of the current instruction, for error reports
            string error = null;
            string detail = null;

            while (executed < budget)
            {
                at = pc;
                executed++;
                switch (code[pc++])
                {
                    case Opcode.Nop:
                        break;
                    case Opcode.PushInt:
                        ints[sp++] = code[pc] | code[pc + 1] << 8 | code[pc + 2] << 16 | code[pc + 3] << 24;
                        pc += 4;
                        break;
                    case Opcode.PushFloat:
                        floats[sp++] = BitConverter.ToSingle(code, pc);
                        pc += 4;
                        break;
                    case Opcode.PushString:
                        refs[sp++] = program.Strings[code[pc] | code[pc + 1] << 8];
                        pc += 2;
                        break;
                    case Opcode.PushTrue:
                        ints[sp++] = 1;
                        break;
                    case Opcode.PushFalse:
                        ints[sp++] = 0;
                        break;
                    case Opcode.Pop:
                        refs[--sp] = null; // do not keep a dead list alive
                        break;
                    case Opcode.Dup:
                        ints[sp] = ints[sp - 1]; floats[sp] = floats[sp - 1]; refs[sp] = refs[sp - 1];
                        sp++;
                        break;
                    case Opcode.Swap:
                        {
                            int i = ints[sp - 1]; ints[sp - 1] = ints[sp - 2]; ints[sp - 2] = i;
                            float f = floats[sp - 1]; floats[sp - 1] = floats[sp - 2]; floats[sp - 2] = f;
                            object o = refs[sp - 1]; refs[sp - 1] = refs[sp - 2]; refs[sp - 2] = o;
                            break;
                        }
                    case Opcode.LoadLocal:
                        {
                            int s = bp + code[pc++];
                            ints[sp] = ints[s]; floats[sp] = floats[s]; refs[sp] = refs[s];
                            sp++;
                            break;
                        }
                    case Opcode.StoreLocal:
                        {
                            int s = bp + code[pc++];
                            sp--;
                            ints[s] = ints[sp]; floats[s] = floats[sp]; refs[s] = refs[sp];
                            break;
                        }
                    // typed forms (the loader rewrote each load/store for its type): one array each
                    case Opcode.LoadLocalInt: ints[sp++] = ints[bp + code[pc++]]; break;
                    case Opcode.LoadLocalFloat: floats[sp++] = floats[bp + code[pc++]]; break;
                    case Opcode.LoadLocalRef: refs[sp++] = refs[bp + code[pc++]]; break;
                    case Opcode.StoreLocalInt: ints[bp + code[pc++]] = ints[--sp]; break;
                    case Opcode.StoreLocalFloat: floats[bp + code[pc++]] = floats[--sp]; break;
                    case Opcode.StoreLocalRef: refs[bp + code[pc++]] = refs[--sp]; refs[sp] = null; break;
                    case Opcode.LoadGlobalInt: ints[sp++] = gInts[code[pc] | code[pc + 1] << 8]; pc += 2; break;
                    case Opcode.LoadGlobalFloat: floats[sp++] = gFloats[code[pc] | code[pc + 1] << 8]; pc += 2; break;
                    case Opcode.LoadGlobalRef: refs[sp++] = gRefs[code[pc] | code[pc + 1] << 8]; pc += 2; break;
                    case Opcode.StoreGlobalInt: gInts[code[pc] | code[pc + 1] << 8] = ints[--sp]; pc += 2; break;
                    case Opcode.StoreGlobalFloat: gFloats[code[pc] | code[pc + 1] << 8] = floats[--sp]; pc += 2; break;
                    case Opcode.StoreGlobalRef: gRefs[code[pc] | code[pc + 1] << 8] = refs[--sp]; refs[sp] = null; pc += 2; break;
                    case Opcode.LoadGlobal:
                        {
                            int g = code[pc] | code[pc + 1] << 8;
                            pc += 2;
                            ints[sp] = gInts[g]; floats[sp] = gFloats[g]; refs[sp] = gRefs[g];
                            sp++;
                            break;
                        }
                    case Opcode.StoreGlobal:
                        {
                            int g = code[pc] | code[pc + 1] << 8;
                            pc += 2;
                            sp--;
                            gInts[g] = ints[sp]; gFloats[g] = floats[sp]; gRefs[g] = refs[sp];
                            break;
                        }

                    // ---- int arithmetic: wraps on overflow, as C# (unchecked)
                    case Opcode.AddInt: sp--; ints[sp - 1] += ints[sp]; break;
                    case Opcode.SubInt: sp--; ints[sp - 1] -= ints[sp]; break;
                    case Opcode.MulInt: sp--; ints[sp - 1] *= ints[sp]; break;
                    case Opcode.DivInt:
                    case Opcode.ModInt:
                        {
                            sp--;
                            int b = ints[sp], a = ints[sp - 1];
                            if (b == 0) { error = RuntimeError.DivideByZero; break; }
                            if (b == -1 && a == int.MinValue) { error = RuntimeError.Overflow; break; } // C# throws here too
                            ints[sp - 1] = code[at] == Opcode.DivInt ? a / b : a % b;
                            break;
                        }
                    case Opcode.NegInt: ints[sp - 1] = -ints[sp - 1]; break;
                    case Opcode.AndInt: sp--; ints[sp - 1] &= ints[sp]; break;
                    case Opcode.OrInt: sp--; ints[sp - 1] |= ints[sp]; break;
                    case Opcode.XorInt: sp--; ints[sp - 1] ^= ints[sp]; break;
                    case Opcode.ShlInt: sp--; ints[sp - 1] <<= ints[sp] & 31; break;
                    case Opcode.ShrInt: sp--; ints[sp - 1] >>= ints[sp] & 31; break;
                    case Opcode.BitNotInt: ints[sp - 1] = ~ints[sp - 1]; break;

                    // ---- float arithmetic (32-bit: what ESP32 nanoFramework computes in)
                    case Opcode.AddFloat: sp--; floats[sp - 1] += floats[sp]; break;
                    case Opcode.SubFloat: sp--; floats[sp - 1] -= floats[sp]; break;
                    case Opcode.MulFloat: sp--; floats[sp - 1] *= floats[sp]; break;
                    case Opcode.DivFloat: sp--; floats[sp - 1] /= floats[sp]; break;
                    case Opcode.ModFloat: sp--; floats[sp - 1] %= floats[sp]; break;
                    case Opcode.NegFloat: floats[sp - 1] = -floats[sp - 1]; break;
                    case Opcode.IntToFloat: floats[sp - 1] = ints[sp - 1]; break;
                    case Opcode.FloatToInt:
                        {
                            // As C# on .NET 9 and later: out-of-range values saturate and NaN becomes 0
                            // (nanoFramework's own conversion differs, so the board does not rely on it).
                            float f = floats[sp - 1];
                            ints[sp - 1] = float.IsNaN(f) ? 0 : f >= 2147483648f ? int.MaxValue : f <= -2147483648f ? int.MinValue : (int)f;
                            break;
                        }

                    // ---- comparisons push bools (0/1) into the int array
                    case Opcode.EqInt: sp--; ints[sp - 1] = ints[sp - 1] == ints[sp] ? 1 : 0; break;
                    case Opcode.NeInt: sp--; ints[sp - 1] = ints[sp - 1] != ints[sp] ? 1 : 0; break;
                    case Opcode.LtInt: sp--; ints[sp - 1] = ints[sp - 1] < ints[sp] ? 1 : 0; break;
                    case Opcode.LeInt: sp--; ints[sp - 1] = ints[sp - 1] <= ints[sp] ? 1 : 0; break;
                    case Opcode.GtInt: sp--; ints[sp - 1] = ints[sp - 1] > ints[sp] ? 1 : 0; break;
                    case Opcode.GeInt: sp--; ints[sp - 1] = ints[sp - 1] >= ints[sp] ? 1 : 0; break;
                    case Opcode.EqFloat: sp--; ints[sp - 1] = floats[sp - 1] == floats[sp] ? 1 : 0; break;
                    case Opcode.NeFloat: sp--; ints[sp - 1] = floats[sp - 1] != floats[sp] ? 1 : 0; break;
                    case Opcode.LtFloat: sp--; ints[sp - 1] = floats[sp - 1] < floats[sp] ? 1 : 0; break;
                    case Opcode.LeFloat: sp--; ints[sp - 1] = floats[sp - 1] <= floats[sp] ? 1 : 0; break;
                    case Opcode.GtFloat: sp--; ints[sp - 1] = floats[sp - 1] > floats[sp] ? 1 : 0; break;
                    case Opcode.GeFloat: sp--; ints[sp - 1] = floats[sp - 1] >= floats[sp] ? 1 : 0; break;
                    case Opcode.Not: ints[sp - 1] ^= 1; break;

                    // ---- text
                    case Opcode.Concat:
                        {
                            sp--;
                            string a = (string)refs[sp - 1], b = (string)refs[sp];
                            if (a.Length + b.Length > RuntimeError.MaxTextLength) { error = RuntimeError.TextTooLong; break; }
                            refs[sp - 1] = a + b;
                            refs[sp] = null;
                            break;
                        }
                    case Opcode.IntToString: refs[sp - 1] = ints[sp - 1].ToString(); break;
                    case Opcode.FloatToString: refs[sp - 1] = NumberText.Format(floats[sp - 1]); break;
                    case Opcode.BoolToString: refs[sp - 1] = ints[sp - 1] != 0 ? "True" : "False"; break;
                    case Opcode.EqString: sp--; ints[sp - 1] = string.Equals((string)refs[sp - 1], (string)refs[sp]) ? 1 : 0; refs[sp] = null; break;
                    case Opcode.NeString: sp--; ints[sp - 1] = string.Equals((string)refs[sp - 1], (string)refs[sp]) ? 0 : 1; refs[sp] = null; break;
                    case Opcode.StringLength: ints[sp - 1] = ((string)refs[sp - 1]).Length; break;

                    // ---- control
                    case Opcode.Jump:
                        pc += 2 + (short)(code[pc] | code[pc + 1] << 8);
                        break;
                    case Opcode.JumpIfFalse:
                        pc += ints[--sp] == 0 ? 2 + (short)(code[pc] | code[pc + 1] << 8) : 2;
                        break;
                    case Opcode.JumpIfTrue:
                        pc += ints[--sp] != 0 ? 2 + (short)(code[pc] | code[pc + 1] << 8) : 2;
                        break;
                    case Opcode.Call:
                        {
                            int fi = code[pc] | code[pc + 1] << 8;
                            FunctionInfo f = program.Image.Functions[fi];
                            if (task.Depth >= ImageFormat.MaxCallDepth - 1) { error = RuntimeError.StackOverflow; detail = "too many calls inside calls (recursion deeper than " + ImageFormat.MaxCallDepth.ToString() + ")"; break; }
                            int newBase = sp - f.ParamCount;
                            int locals = f.LocalTypes.Length;
                            if (newBase + locals + f.MaxStack > VmTask.StackSlots) { error = RuntimeError.StackOverflow; detail = "the script needs more memory for its calls"; break; }
                            int d = task.Depth++;
                            task.FrameFunction[d] = task.Function;
                            task.FrameReturnPc[d] = pc + 2;
                            task.FrameBase[d] = bp;
                            InitLocals(f, ints, floats, refs, newBase);
                            task.Function = fi;
                            bp = newBase;
                            sp = newBase + locals;
                            pc = f.CodeStart;
                            break;
                        }
                    case Opcode.Return:
                    case Opcode.ReturnValue:
                        {
                            if (code[at] == Opcode.ReturnValue)
                            {
                                sp--;
                                ints[bp] = ints[sp]; floats[bp] = floats[sp]; refs[bp] = refs[sp];
                                ClearRefs(refs, bp + 1, sp + 1);
                                sp = bp + 1;
                            }
                            else
                            {
                                ClearRefs(refs, bp, sp);
                                sp = bp;
                            }
                            if (task.Depth == 0)
                            {
                                task.State = TaskState.Done;
                                task.Pc = at; task.Sp = sp; task.Base = bp;
                                return executed;
                            }
                            int d = --task.Depth;
                            task.Function = task.FrameFunction[d];
                            pc = task.FrameReturnPc[d];
                            bp = task.FrameBase[d];
                            break;
                        }
                    case Opcode.CallPrimitive:
                        {
                            var p = program.Primitives[code[pc] | code[pc + 1] << 8];
                            pc += 2;
                            task.Sp = sp;
                            try
                            {
                                error = p.Invoke(task);
                            }
                            catch (Exception e)
                            {
                                // A part that fails (an I2C sensor that stops answering) must not take the
                                // board loop down: it is this script's runtime error.
                                error = RuntimeError.HardwareFailed;
                                detail = "'" + p.Name + "' failed: " + e.Message;
                            }
                            sp = task.Sp;
                            if (error != null && detail == null) detail = "'" + p.Name + "' failed";
                            break;
                        }
                    case Opcode.Wait:
                        {
                            int ms = ints[--sp];
                            task.WakeAt = nowMs + (ms > 0 ? ms : 0);
                            task.State = TaskState.Waiting;
                            task.Pc = pc; task.Sp = sp; task.Base = bp;
                            return executed;
                        }
                    case Opcode.Yield:
                        task.State = TaskState.Ready;
                        task.Pc = pc; task.Sp = sp; task.Base = bp;
                        return executed;
                    case Opcode.Halt:
                        task.State = TaskState.Done;
                        task.Pc = at; task.Sp = sp; task.Base = bp;
                        return executed;

                    // ---- lists
                    case Opcode.NewList:
                        refs[sp++] = new VmList(code[pc++]);
                        break;
                    case Opcode.ListAdd:
                        {
                            var list = (VmList)refs[sp - 2];
                            if (list == null) { error = RuntimeError.ListNotCreated; break; }
                            if (!list.Grow()) { error = RuntimeError.ListTooLong; break; }
                            Store(list, list.Count++, ints, floats, refs, sp - 1);
                            list.Version++;
                            refs[sp - 1] = null; refs[sp - 2] = null;
                            sp -= 2;
                            break;
                        }
                    case Opcode.ListGet:
                        {
                            var list = (VmList)refs[sp - 2];
                            int i = ints[sp - 1];
                            if (list == null) { error = RuntimeError.ListNotCreated; break; }
                            if ((uint)i >= (uint)list.Count) { error = RuntimeError.IndexOutOfRange; detail = IndexText(i, list.Count); break; }
                            sp--;
                            if (list.ElementType == VmType.Float) floats[sp - 1] = list.Floats[i];
                            else if (list.ElementType == VmType.String) { refs[sp - 1] = list.Strings[i]; break; }
                            else ints[sp - 1] = list.Ints[i];
                            refs[sp - 1] = null;
                            break;
                        }
                    case Opcode.ListSet:
                    case Opcode.ListInsert:
                        {
                            var list = (VmList)refs[sp - 3];
                            int i = ints[sp - 2];
                            if (list == null) { error = RuntimeError.ListNotCreated; break; }
                            bool insert = code[at] == Opcode.ListInsert;
                            if ((uint)i > (uint)list.Count || (!insert && i == list.Count)) { error = RuntimeError.IndexOutOfRange; detail = IndexText(i, list.Count); break; }
                            if (insert)
                            {
                                if (!list.Grow()) { error = RuntimeError.ListTooLong; break; }
                                list.OpenGap(i);
                            }
                            Store(list, i, ints, floats, refs, sp - 1);
                            list.Version++;
                            refs[sp - 1] = null; refs[sp - 3] = null;
                            sp -= 3;
                            break;
                        }
                    case Opcode.ListCount:
                        {
                            var list = (VmList)refs[sp - 1];
                            if (list == null) { error = RuntimeError.ListNotCreated; break; }
                            ints[sp - 1] = list.Count;
                            refs[sp - 1] = null;
                            break;
                        }
                    case Opcode.ListRemoveAt:
                        {
                            var list = (VmList)refs[sp - 2];
                            int i = ints[sp - 1];
                            if (list == null) { error = RuntimeError.ListNotCreated; break; }
                            if ((uint)i >= (uint)list.Count) { error = RuntimeError.IndexOutOfRange; detail = IndexText(i, list.Count); break; }
                            list.RemoveAt(i);
                            refs[sp - 2] = null;
                            sp -= 2;
                            break;
                        }
                    case Opcode.ListClear:
                        {
                            var list = (VmList)refs[sp - 1];
                            if (list == null) { error = RuntimeError.ListNotCreated; break; }
                            list.Clear();
                            refs[--sp] = null;
                            break;
                        }
                }
                if (error != null)
                {
                    task.State = TaskState.Failed;
                    task.ErrorCode = error;
                    task.ErrorMessage = detail;
                    task.ErrorFunction = task.Function;
                    task.ErrorOffset = at - program.Image.Functions[task.Function].CodeStart;
                    task.Pc = at; task.Sp = sp; task.Base = bp;
                    return executed;
                }
            }
            task.State = TaskState.Ready;
            task.Pc = pc; task.Sp = sp; task.Base = bp;
            return executed;
        }

        /// <summary>Prepares a task to run a function from its start (a script body or a condition).</summary>
        public static void Start(LoadedProgram program, VmTask task, int function)
        {
            FunctionInfo f = program.Image.Functions[function];
            ClearRefs(task.Refs, 0, VmTask.StackSlots);
            task.Function = function;
            task.Depth = 0;
            task.Base = 0;
            task.Pc = f.CodeStart;
            InitLocals(f, task.Ints, task.Floats, task.Refs, 0);
            task.Sp = f.LocalTypes.Length;
            task.State = TaskState.Ready;
            task.ErrorCode = null;
            task.ErrorMessage = null;
        }

        /// <summary>Locals after the parameters start as 0 / 0.0 / false / "" / no list.</summary>
        static void InitLocals(FunctionInfo f, int[] ints, float[] floats, object[] refs, int bp)
        {
            byte[] types = f.LocalTypes;
            for (int i = f.ParamCount; i < types.Length; i++)
            {
                ints[bp + i] = 0;
                floats[bp + i] = 0f;
                refs[bp + i] = types[i] == VmType.String ? "" : null;
            }
        }

        static void ClearRefs(object[] refs, int from, int to)
        {
            for (int i = from; i < to; i++) refs[i] = null;
        }

        static void Store(VmList list, int index, int[] ints, float[] floats, object[] refs, int slot)
        {
            if (list.ElementType == VmType.Float) list.Floats[index] = floats[slot];
            else if (list.ElementType == VmType.String) list.Strings[index] = (string)refs[slot];
            else list.Ints[index] = ints[slot];
        }

        static string IndexText(int index, int count)
        {
            return "position " + index.ToString() + " is not in the list (it has " + count.ToString() + " items)";
        }
    }
}
