using RoboClub.Board.Image;
using RoboClub.Board.Primitives;

namespace RoboClub.Board.Vm
{
    /// <summary>
    /// A program ready to run: read, verified, its primitives bound to this board's, its globals
    /// allocated. Loading either succeeds completely or throws <see cref="ImageException"/> and
    /// changes nothing, so the board keeps its previous program.
    /// </summary>
    public sealed class LoadedProgram
    {
        public readonly ProgramImage Image;
        public readonly byte[] Code;
        public readonly string[] Strings;
        public readonly Primitive[] Primitives;
        public readonly int[] GlobalInts;
        public readonly float[] GlobalFloats;
        public readonly object[] GlobalRefs;

        LoadedProgram(ProgramImage image, Primitive[] primitives)
        {
            Image = image;
            Code = image.Code;
            Strings = image.Strings;
            Primitives = primitives;
            int n = image.GlobalTypes.Length;
            GlobalInts = new int[n];
            GlobalFloats = new float[n];
            GlobalRefs = new object[n];
            ResetGlobals();
        }

        public static LoadedProgram Load(byte[] bytes, PrimitiveTable table)
        {
            ProgramImage image = ImageReader.Read(bytes);
            Verifier.Verify(image);
            var bound = new Primitive[image.Primitives.Length];
            for (int i = 0; i < bound.Length; i++)
            {
                PrimitiveRef wanted = image.Primitives[i];
                Primitive p = table.Find(wanted.Name);
                if (p == null) throw new ImageException(ImageException.MissingPrimitive, table.WhyMissing(wanted.Name));
                if (!SameSignature(p, wanted))
                    throw new ImageException(ImageException.MissingPrimitive, "'" + wanted.Name + "' works differently on this board (update its firmware or the hub)");
                bound[i] = p;
            }
            return new LoadedProgram(image, bound);
        }

        static bool SameSignature(Primitive p, PrimitiveRef r)
        {
            if (p.ReturnType != r.ReturnType || p.ParamTypes.Length != r.ParamTypes.Length) return false;
            for (int i = 0; i < p.ParamTypes.Length; i++)
            {
                if (p.ParamTypes[i] != r.ParamTypes[i]) return false;
            }
            return true;
        }

        /// <summary>Globals start as 0, 0.0, false, "" and empty lists.</summary>
        public void ResetGlobals()
        {
            byte[] types = Image.GlobalTypes;
            for (int i = 0; i < types.Length; i++)
            {
                GlobalInts[i] = 0;
                GlobalFloats[i] = 0f;
                GlobalRefs[i] = types[i] == VmType.String ? (object)"" : VmType.IsList(types[i]) ? new VmList(VmType.ElementOf(types[i])) : null;
            }
        }
    }
}
