using System.Collections;

namespace RoboClub.Board.Primitives
{
    /// <summary>
    /// The primitives this board offers, by name. A primitive whose part is missing is registered as
    /// unavailable with a reason in plain words, so loading a program that uses it says
    /// "this board has no ultrasonic sensor" instead of failing later.
    /// </summary>
    public sealed class PrimitiveTable
    {
        readonly Hashtable _available = new Hashtable();
        readonly Hashtable _unavailable = new Hashtable();
        readonly ArrayList _names = new ArrayList();

        public void Add(Primitive p)
        {
            if (_available[p.Name] == null) _names.Add(p.Name);
            _available[p.Name] = p;
            _unavailable.Remove(p.Name);
        }

        public void AddUnavailable(string name, string reason)
        {
            if (_available[name] == null) _unavailable[name] = reason;
        }

        /// <summary>The primitive, or null (then <see cref="WhyMissing"/> says why).</summary>
        public Primitive Find(string name)
        {
            return (Primitive)_available[name];
        }

        public string WhyMissing(string name)
        {
            string reason = (string)_unavailable[name];
            return reason != null ? reason : "this board does not know '" + name + "' (update its firmware?)";
        }

        /// <summary>Names of the available primitives (the board's info message lists them).</summary>
        public string[] Names
        {
            get
            {
                var a = new string[_names.Count];
                for (int i = 0; i < a.Length; i++) a[i] = (string)_names[i];
                return a;
            }
        }
    }
}
