using RoboClub.Board.Image;

namespace RoboClub.Board.Vm
{
    /// <summary>
    /// One running script: its value stacks and call frames, allocated once and reused each time the
    /// script runs. Values live in three parallel arrays (ints and bools, floats, references) indexed
    /// by the same slot; each frame's locals sit below its operands.
    /// </summary>
    public sealed class VmTask
    {
        /// <summary>Value slots per task: locals and operands of every active call.</summary>
        public const int StackSlots = 256;

        public readonly int[] Ints = new int[StackSlots];
        public readonly float[] Floats = new float[StackSlots];
        public readonly object[] Refs = new object[StackSlots];

        public readonly int[] FrameFunction = new int[ImageFormat.MaxCallDepth];
        public readonly int[] FrameReturnPc = new int[ImageFormat.MaxCallDepth];
        public readonly int[] FrameBase = new int[ImageFormat.MaxCallDepth];

        public int Script = -1;
        public int State = TaskState.Idle;
        public int Pc;
        public int Sp;
        public int Base;
        public int Function;
        public int Depth;
        public long WakeAt;

        public string ErrorCode;
        public string ErrorMessage;
        public int ErrorFunction;
        public int ErrorOffset;

        public bool IsActive { get { return State == TaskState.Ready || State == TaskState.Waiting; } }

        // For primitives: arguments are on the operand stack, the last one on top.
        public int PopInt() { return Ints[--Sp]; }
        public bool PopBool() { return Ints[--Sp] != 0; }
        public float PopFloat() { return Floats[--Sp]; }
        public string PopString() { return (string)Refs[--Sp]; }
        public void PushInt(int v) { Ints[Sp++] = v; }
        public void PushBool(bool v) { Ints[Sp++] = v ? 1 : 0; }
        public void PushFloat(float v) { Floats[Sp++] = v; }
        public void PushString(string v) { Refs[Sp++] = v; }
        public VmList PopList() { VmList l = (VmList)Refs[--Sp]; Refs[Sp] = null; return l; }
        public void PushList(VmList v) { Refs[Sp++] = v; }
    }
}
