using RoboClub.Board.Image;

namespace RoboClub.Board.Primitives
{
    /// <summary>Short names for primitive signatures, so each set reads like a table.</summary>
    internal static class Sig
    {
        public static readonly byte[] None = new byte[0];
        public static readonly byte[] Int = new byte[] { VmType.Int };
        public static readonly byte[] Int2 = new byte[] { VmType.Int, VmType.Int };
        public static readonly byte[] Int3 = new byte[] { VmType.Int, VmType.Int, VmType.Int };
        public static readonly byte[] Float = new byte[] { VmType.Float };
        public static readonly byte[] Float2 = new byte[] { VmType.Float, VmType.Float };
        public static readonly byte[] String = new byte[] { VmType.String };
        public static readonly byte[] StringFloat = new byte[] { VmType.String, VmType.Float };
        public static readonly byte[] StringInt = new byte[] { VmType.String, VmType.Int };
    }
}
