using System;
using RoboClub.Board.Image;

namespace RoboClub.Board.Vm
{
    /// <summary>
    /// A program's list. The element type is fixed (the verifier checked it), so values live in one
    /// typed array: no boxing. It grows by doubling, up to <see cref="MaxCount"/> elements.
    /// </summary>
    public sealed class VmList
    {
        public const int MaxCount = 2000;

        public readonly byte ElementType;
        public int Count;
        /// <summary>Grows with every change (add, set, insert, remove, clear), like List&lt;T&gt;'s version:
        /// a foreach over a List compares it to stop when the list changed under it, as C# throws there.</summary>
        public int Version;
        public int[] Ints;     // int and bool
        public float[] Floats;
        public string[] Strings;

        public VmList(byte elementType)
        {
            ElementType = elementType;
            if (elementType == VmType.Float) Floats = new float[4];
            else if (elementType == VmType.String) Strings = new string[4];
            else Ints = new int[4];
        }

        /// <summary>Makes room for one more; false when the list is at its maximum.</summary>
        public bool Grow()
        {
            if (Count >= MaxCount) return false;
            int capacity = ElementType == VmType.Float ? Floats.Length : ElementType == VmType.String ? Strings.Length : Ints.Length;
            if (Count < capacity) return true;
            int size = capacity * 2;
            if (size > MaxCount) size = MaxCount;
            if (ElementType == VmType.Float) { var a = new float[size]; Array.Copy(Floats, a, Count); Floats = a; }
            else if (ElementType == VmType.String) { var a = new string[size]; Array.Copy(Strings, a, Count); Strings = a; }
            else { var a = new int[size]; Array.Copy(Ints, a, Count); Ints = a; }
            return true;
        }

        /// <summary>Opens a gap at <paramref name="index"/> (Count grows by one); call <see cref="Grow"/> first.</summary>
        public void OpenGap(int index)
        {
            if (ElementType == VmType.Float) Array.Copy(Floats, index, Floats, index + 1, Count - index);
            else if (ElementType == VmType.String) Array.Copy(Strings, index, Strings, index + 1, Count - index);
            else Array.Copy(Ints, index, Ints, index + 1, Count - index);
            Count++;
            Version++;
        }

        public void RemoveAt(int index)
        {
            Version++;
            Count--;
            if (ElementType == VmType.Float) Array.Copy(Floats, index + 1, Floats, index, Count - index);
            else if (ElementType == VmType.String) { Array.Copy(Strings, index + 1, Strings, index, Count - index); Strings[Count] = null; }
            else Array.Copy(Ints, index + 1, Ints, index, Count - index);
        }

        public void Clear()
        {
            if (Strings != null) Array.Clear(Strings, 0, Count);
            Count = 0;
            Version++;
        }
    }
}
