using RoboClub.Board.Image;
using RoboClub.Board.Vm;

namespace RoboClub.Board.Primitives
{
    /// <summary>
    /// list.*: what lists need beyond the list instructions, as primitives so the instruction set stays
    /// small. One primitive per element type ("list.indexOf.int", "list.indexOf.float"...) because a
    /// primitive's signature is fixed. Equality is C#'s Equals: NaN finds NaN, 0 finds -0.
    /// </summary>
    public static class ListPrimitives
    {
        static readonly string[] Suffixes = new string[] { "int", "float", "bool", "string" };

        public static void Register(PrimitiveTable table)
        {
            for (byte e = VmType.Int; e <= VmType.String; e++)
            {
                byte element = e;
                byte list = VmType.ListOf(e);
                string suffix = Suffixes[e - VmType.Int];
                // new T[n]: n default values (0, 0.0, false, "": the board has no null strings).
                table.Add(new Primitive("list.filled." + suffix, Sig.Int, list, t =>
                {
                    int n = t.PopInt();
                    if (n < 0) return RuntimeError.Overflow; // C#: OverflowException
                    if (n > VmList.MaxCount) return RuntimeError.ListTooLong;
                    var l = new VmList(element);
                    for (int i = 0; i < n; i++)
                    {
                        l.Grow();
                        if (element == VmType.String) l.Strings[i] = "";
                        l.Count++;
                    }
                    t.PushList(l);
                    return null;
                }));
                table.Add(new Primitive("list.indexOf." + suffix, new byte[] { list, element }, VmType.Int, t =>
                {
                    int at = -1;
                    string error = Find(t, element, out at);
                    if (error != null) return error;
                    t.PushInt(at);
                    return null;
                }));
                table.Add(new Primitive("list.remove." + suffix, new byte[] { list, element }, VmType.Bool, t =>
                {
                    VmList l;
                    int at;
                    string error = Find(t, element, out at, out l);
                    if (error != null) return error;
                    if (at >= 0) l.RemoveAt(at);
                    t.PushBool(at >= 0);
                    return null;
                }));
                // foreach over a List<T>: C# throws when the list changed since the loop began (any
                // Add, Insert, Remove, Clear or list[i] = v); the board compares the list's version.
                table.Add(new Primitive("list.version." + suffix, new byte[] { list }, VmType.Int, Version));
                table.Add(new Primitive("list.unchanged." + suffix, new byte[] { list, VmType.Int }, VmType.None, Unchanged));
            }
        }

        static string Version(VmTask t)
        {
            VmList l = t.PopList();
            if (l == null) return RuntimeError.ListNotCreated;
            t.PushInt(l.Version);
            return null;
        }

        static string Unchanged(VmTask t)
        {
            int version = t.PopInt();
            VmList l = t.PopList();
            if (l == null) return RuntimeError.ListNotCreated;
            return l.Version == version ? null : RuntimeError.ListChanged;
        }

        static string Find(VmTask t, byte element, out int at)
        {
            VmList l;
            return Find(t, element, out at, out l);
        }

        /// <summary>Pops (list, value) and finds the value's first position, or -1.</summary>
        static string Find(VmTask t, byte element, out int at, out VmList l)
        {
            at = -1;
            int iv = 0;
            float fv = 0;
            string sv = null;
            if (element == VmType.Float) fv = t.PopFloat();
            else if (element == VmType.String) { sv = t.PopString(); t.Refs[t.Sp] = null; }
            else iv = t.PopInt();
            l = t.PopList();
            if (l == null) return RuntimeError.ListNotCreated;
            for (int i = 0; i < l.Count; i++)
            {
                bool same;
                if (element == VmType.Float) { float x = l.Floats[i]; same = x == fv || (float.IsNaN(x) && float.IsNaN(fv)); }
                else if (element == VmType.String) same = l.Strings[i] == sv;
                else same = l.Ints[i] == iv;
                if (same) { at = i; break; }
            }
            return null;
        }
    }
}
