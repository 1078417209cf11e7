using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace RoboClub.Compiler.Blocks;

/// <summary>
/// Blockly workspace JSON (<c>Blockly.serialization.workspaces.save</c>) → deterministic C# (4-space indent, one
/// statement a line) and a <see cref="BlockMap"/>. The canonical order of the program:
/// 1. variable declarations (each global variable once, typed, in the workspace's variable order);
/// 2. functions (procedure definitions), ordered by position on the workspace (top to bottom, then left to right);
/// 3. the on-start script: the bodies of "when the program starts" blocks and loose statement stacks, by position;
/// 4. event registrations (Every, When, OnMessage, OnButton), by position.
/// Never throws: broken input gives problems and whatever code could be made.
/// </summary>
public static class BlocksToCSharp
{
    public static BlocksCode Convert(string workspaceJson)
    {
        JsonObject? ws = null;
        try { ws = JsonNode.Parse(workspaceJson ?? "", documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = MaxJsonDepth }) as JsonObject; }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException or InvalidOperationException) { }
        if (ws == null)
            return new BlocksCode("", new BlockMap([]), [new BlocksProblem(null, "The blocks could not be read (not a Blockly workspace).", "Blocurile nu au putut fi citite (nu e un spațiu de lucru Blockly).")],
                new Dictionary<string, string>(), new Dictionary<string, string>());
        return Convert(ws);
    }

    /// <summary>Blockly nests every next block one level deeper, so long programs are deep JSON.</summary>
    public const int MaxJsonDepth = 20_000;

    /// <summary>Blocks nested deeper than this (values in values, statements in statements) are refused with a problem.</summary>
    const int MaxNesting = 300;

    public static BlocksCode Convert(JsonObject workspace)
    {
        var g = new Generator(workspace);
        try
        {
            g.Run();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            g.Problems.Add(new BlocksProblem(null, "Some blocks could not be turned into C#: " + e.Message, "Unele blocuri nu au putut fi transformate în C#: " + e.Message));
        }
        return new BlocksCode(g.Code.ToString(), new BlockMap(g.Spans), g.Problems,
            g.Vars.Values.ToDictionary(v => v.Id, v => v.Name), g.Vars.Values.ToDictionary(v => v.Id, v => v.Type));
    }

    /// <summary>The C# type each variable of the workspace gets (id → int/double/string/bool).</summary>
    internal static Dictionary<string, string> InferTypes(JsonObject workspace)
    {
        var g = new Generator(workspace);
        g.Prepare();
        return g.Vars.Values.ToDictionary(v => v.Id, v => v.Type);
    }

    /// <summary>The C# return type each function with a value gets (Blockly name → type).</summary>
    internal static Dictionary<string, string> InferReturnTypes(JsonObject workspace)
    {
        var g = new Generator(workspace);
        g.Prepare();
        return g.Procs.Values.Where(p => p.Returns).ToDictionary(p => p.BlocklyName, p => p.ReturnType);
    }

    // Names a variable or function cannot take: they would hide the child API.
    internal static readonly HashSet<string> ApiNames = new(StringComparer.Ordinal)
    {
        "Robot", "Weather", "Led", "Sound", "Button", "Kids", "Console", "Math", "System", "Wait", "Every", "When",
        "OnMessage", "OnButton", "Broadcast", "Plot", "Random", "Millis", "Main", "Primitive", "BoardSpecial",
    };

    /// <summary>A valid, non-reserved C# identifier for a Blockly name: other characters become '_', a leading digit
    /// gets a '_' before it, a keyword or child-API name gets a '_' after it. Romanian letters stay.</summary>
    public static string SafeName(string raw)
    {
        var sb = new StringBuilder();
        foreach (var c in (raw ?? "").Trim()) sb.Append(SyntaxFacts.IsIdentifierPartCharacter(c) && c != '\u200B' ? c : '_');
        if (sb.Length == 0) sb.Append('x');
        if (!SyntaxFacts.IsIdentifierStartCharacter(sb[0])) sb.Insert(0, '_');
        var name = sb.ToString();
        if (SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) is SyntaxKind.VarKeyword or SyntaxKind.NameOfKeyword or SyntaxKind.AwaitKeyword or SyntaxKind.YieldKeyword)
            name += "_";
        if (ApiNames.Contains(name)) name += "_";
        return name;
    }

    static readonly string[] Scalars = ["int", "double", "string", "bool"];
    internal static bool IsCSharpType(string? t) => t != null && (Scalars.Contains(t) || (t.StartsWith("List<", StringComparison.Ordinal) && t.EndsWith('>') && Scalars.Contains(t[5..^1])));
    internal static string? Elem(string? t) => t != null && t.StartsWith("List<", StringComparison.Ordinal) ? t[5..^1] : null;

    internal static string FormatNumberForTests(JsonNode? n) => Generator.FormatNumber(n);

    internal sealed class Var
    {
        public required string Id;
        public required string BlocklyName;
        public string Name = "";
        public string? Hint;
        public string Type = "int";
        public string? Owner;          // procedure block id when local to one function
        public bool ForLocal;          // declared by its counting loop(s)
        public bool ParamOnly;         // only a function parameter: no declaration
    }

    internal sealed class Proc
    {
        public required JsonObject Block;
        public required string Name;
        public required string BlocklyName;
        public List<Var> Params = new();
        public bool Returns;
        public string ReturnType = "int";
        public string? ReturnHint;
    }

    sealed class Generator(JsonObject ws)
    {
        public readonly StringBuilder Code = new();
        public readonly List<BlockSpan> Spans = new();
        public readonly List<BlocksProblem> Problems = new();
        public readonly Dictionary<string, Var> Vars = new();
        readonly Dictionary<string, Proc> procs = new(StringComparer.OrdinalIgnoreCase);
        public IReadOnlyDictionary<string, Proc> Procs => procs;
        readonly List<JsonObject> tops = new();
        readonly HashSet<string> names = new(StringComparer.Ordinal);
        int line = 1, column = 1;
        readonly List<string> loopCounters = new();
        string? currentProc;

        // ---------- reading the workspace ----------
        static string? Str(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        static string TypeOf_(JsonObject b) => Str(b["type"]) ?? "";
        static string IdOf(JsonObject b) => Str(b["id"]) ?? "";
        static JsonNode? Field(JsonObject b, string name) => (b["fields"] as JsonObject)?[name];
        static string FieldText(JsonObject b, string name)
        {
            var f = Field(b, name);
            if (f is JsonValue v) return v.TryGetValue<string>(out var s) ? s : v.ToJsonString();
            return "";
        }
        static JsonObject? Input(JsonObject b, string name)
        {
            if ((b["inputs"] as JsonObject)?[name] is not JsonObject slot) return null;
            var child = slot["block"] as JsonObject ?? slot["shadow"] as JsonObject;
            if (child != null && Disabled(child))
            {
                // a disabled value block counts as empty; a disabled first statement is skipped, the rest of its stack stays
                if (Next(child) is { } n) { int guard = 0; while (n != null && Disabled(n) && guard++ < 100_000) n = Next(n); return n; }
                return slot["shadow"] is JsonObject sh && sh != child ? sh : null;
            }
            return child;
        }

        /// <summary>Disabled blocks make no code, as in Blockly's own generators ("enabled": false, or Blockly 11+'s "disabledReasons").</summary>
        static bool Disabled(JsonObject b)
            => (b["enabled"] is JsonValue e && e.TryGetValue<bool>(out var en) && !en) || (b["disabledReasons"] is JsonArray r && r.Count > 0);
        static JsonObject? Next(JsonObject b) => (b["next"] as JsonObject)?["block"] as JsonObject;
        static double Coord(JsonObject b, string k) => b[k] is JsonValue v && v.TryGetValue<double>(out var d) ? d : 0;

        IEnumerable<JsonObject> Stack(JsonObject? first)
        {
            int guard = 0;
            for (var b = first; b != null && guard++ < 100_000; b = Next(b))
                if (!Disabled(b)) yield return b;
        }

        /// <summary>Every block of the workspace, each visited once (values, statements, next).</summary>
        IEnumerable<(JsonObject Block, JsonObject? Proc, List<JsonObject> Fors)> Walk()
        {
            var result = new List<(JsonObject, JsonObject?, List<JsonObject>)>();
            var seen = new HashSet<JsonObject>(ReferenceEqualityComparer.Instance);
            void Visit(JsonObject? b, JsonObject? proc, List<JsonObject> fors, int depth)
            {
                for (; b != null && depth <= MaxNesting && seen.Add(b); b = Next(b))
                {
                    if (Disabled(b)) continue;
                    result.Add((b, proc, fors));
                    var inner = TypeOf_(b) is "controls_for" or "list_for_each" ? [.. fors, b] : fors;
                    if (b["inputs"] is JsonObject inputs)
                        foreach (var (name, slot) in inputs)
                        {
                            if (slot is not JsonObject s) continue;
                            var child = s["block"] as JsonObject ?? s["shadow"] as JsonObject;
                            if (child != null) Visit(child, proc, name.StartsWith("DO", StringComparison.Ordinal) ? inner : fors, depth + 1);
                        }
                }
            }
            foreach (var t in tops)
                Visit(t, TypeOf_(t).StartsWith("procedures_def", StringComparison.Ordinal) ? t : null, [], 0);
            return result;
        }

        Var? VarOf(JsonObject b, string field = "VAR")
        {
            var f = Field(b, field);
            string? id = (f as JsonObject)?["id"] is JsonNode idn ? Str(idn) : null;
            string? name = (f as JsonObject)?["name"] is JsonNode nn ? Str(nn) : Str(f);
            if (id != null && Vars.TryGetValue(id, out var v)) return v;
            if (name != null)
            {
                var byName = Vars.Values.FirstOrDefault(x => string.Equals(x.BlocklyName, name, StringComparison.OrdinalIgnoreCase));
                if (byName != null) return byName;
                var nv = new Var { Id = id ?? name, BlocklyName = name };
                Vars[nv.Id] = nv;
                return nv;
            }
            if (id != null)
            {
                var nv = new Var { Id = id, BlocklyName = id };
                Vars[id] = nv;
                return nv;
            }
            return null;
        }

        public void Prepare()
        {
            if (ws["variables"] is JsonArray vars)
                foreach (var vn in vars.OfType<JsonObject>())
                {
                    var id = Str(vn["id"]) ?? Str(vn["name"]);
                    if (id == null || Vars.ContainsKey(id)) continue;
                    var t = Str(vn["type"]);
                    Vars[id] = new Var { Id = id, BlocklyName = Str(vn["name"]) ?? id, Hint = IsCSharpType(t) ? t : null };
                }
            if ((ws["blocks"] as JsonObject)?["blocks"] is JsonArray blocks)
                tops.AddRange(blocks.OfType<JsonObject>().Where(b => !Disabled(b)));
            // stable order: by position (y, then x), then as saved
            var order = tops.Select((b, i) => (b, i)).OrderBy(p => Coord(p.b, "y")).ThenBy(p => Coord(p.b, "x")).ThenBy(p => p.i).Select(p => p.b).ToList();
            tops.Clear();
            tops.AddRange(order);

            // functions and their parameters
            foreach (var t in tops.Where(t => TypeOf_(t) is "procedures_defnoreturn" or "procedures_defreturn"))
            {
                var bname = FieldText(t, "NAME");
                if (procs.ContainsKey(bname)) { Problems.Add(new(IdOf(t), $"Two functions are called '{bname}'.", $"Două funcții se numesc „{bname}”.")); continue; }
                var p = new Proc { Block = t, BlocklyName = bname, Name = "", Returns = TypeOf_(t) == "procedures_defreturn" };
                // RoboClub's addition to Blockly's extra state: the C# return type, when C# → blocks found one inference would not give
                if (Str((t["extraState"] as JsonObject)?["returnType"]) is { } rt && IsCSharpType(rt)) p.ReturnHint = rt;
                if ((t["extraState"] as JsonObject)?["params"] is JsonArray ps)
                    foreach (var pj in ps.OfType<JsonObject>())
                    {
                        var pid = Str(pj["id"]);
                        var pname = Str(pj["name"]) ?? pid ?? "a";
                        Var? v = pid != null && Vars.TryGetValue(pid, out var found) ? found
                            : Vars.Values.FirstOrDefault(x => string.Equals(x.BlocklyName, pname, StringComparison.OrdinalIgnoreCase));
                        if (v == null) { v = new Var { Id = pid ?? pname, BlocklyName = pname }; Vars[v.Id] = v; }
                        p.Params.Add(v);
                    }
                procs[bname] = p;
            }

            // scopes: for-local, local to one function, parameter only, or global
            var uses = new Dictionary<Var, List<(JsonObject? Proc, bool InFor, bool IsForVar)>>();
            foreach (var (b, proc, fors) in Walk())
            {
                var type = TypeOf_(b);
                if (type is not ("variables_get" or "variables_set" or "math_change" or "controls_for" or "list_for_each")) continue;
                var v = VarOf(b);
                if (v == null) continue;
                if (proc != null && procs.Values.Any(p => p.Block == proc && p.Params.Contains(v))) continue; // the parameter
                if (!uses.TryGetValue(v, out var list)) uses[v] = list = new();
                list.Add((proc, fors.Any(f => VarOf(f) == v), type is "controls_for" or "list_for_each"));
            }
            var paramVars = procs.Values.SelectMany(p => p.Params).ToHashSet();
            foreach (var v in Vars.Values)
            {
                if (!uses.TryGetValue(v, out var list)) { v.ParamOnly = paramVars.Contains(v); continue; }
                if (list.All(u => u.IsForVar || u.InFor) && list.Any(u => u.IsForVar) && !paramVars.Contains(v)) v.ForLocal = true;
                else if (list.All(u => u.Proc != null && u.Proc == list[0].Proc) && !paramVars.Contains(v)) v.Owner = IdOf(list[0].Proc!);
            }

            // names: variables in workspace order, then functions
            foreach (var v in Vars.Values) v.Name = Unique(SafeName(v.BlocklyName));
            foreach (var p in procs.Values) p.Name = Unique(SafeName(p.BlocklyName));

            InferTypes();
        }

        string Unique(string name)
        {
            var n = name;
            for (int i = 2; !names.Add(n); i++) n = name + i.ToString(CultureInfo.InvariantCulture);
            return n;
        }

        // ---------- types ----------
        static string? Merge(IEnumerable<string?> types)
        {
            var ts = types.Where(t => t != null).ToList();
            if (ts.Count == 0) return null;
            if (ts.Any(t => Elem(t) != null)) return "List<" + (Merge(ts.Select(Elem)) ?? "int") + ">";
            if (ts.Contains("string")) return "string";
            if (ts.Contains("double")) return "double";
            if (ts.Contains("int")) return "int";
            return "bool";
        }

        static bool IsDoubleLiteral(string text) => text.Contains('.') || text.Contains('e') || text.Contains('E');

        string? TypeOf(JsonObject? b, int depth = 0)
        {
            if (b == null || depth > 500) return null;
            var type = TypeOf_(b);
            var def = BlockCatalog.Find(type);
            if (def?.CSharpType != null) return def.CSharpType;
            switch (type)
            {
                case "math_number": return IsDoubleLiteral(NumberLiteral(b)) ? "double" : "int";
                case "math_arithmetic":
                {
                    var op = FieldText(b, "OP");
                    if (op == "POWER") return "double";
                    var m = Merge([TypeOf(Input(b, "A"), depth + 1), TypeOf(Input(b, "B"), depth + 1)]);
                    if (m == "string" && op != "ADD") m = "double";
                    return m == "bool" ? "int" : m ?? "int";
                }
                case "math_modulo": return Numeric(Merge([TypeOf(Input(b, "DIVIDEND"), depth + 1), TypeOf(Input(b, "DIVISOR"), depth + 1)]));
                case "math_negate": return Numeric(TypeOf(Input(b, "NUM"), depth + 1));
                case "math_function": return FieldText(b, "OP") == "ABS" ? Numeric(TypeOf(Input(b, "NUM"), depth + 1)) : "double";
                case "math_minmax": return Numeric(Merge([TypeOf(Input(b, "A"), depth + 1), TypeOf(Input(b, "B"), depth + 1)]));
                case "logic_ternary": return Merge([TypeOf(Input(b, "THEN"), depth + 1), TypeOf(Input(b, "ELSE"), depth + 1)]);
                case "variables_get": return VarOf(b)?.Type;
                case "lists_create_with":
                {
                    var items = Merge(Items(b).Select(i => TypeOf(i, depth + 1)));
                    return items == null ? null : "List<" + items + ">";
                }
                case "list_get": return Elem(TypeOf(Input(b, "LIST"), depth + 1));
                case "procedures_callreturn":
                    return procs.TryGetValue(CallName(b), out var p) ? p.ReturnType : null;
                default: return null;
            }
        }

        static List<JsonObject> Items(JsonObject b)
        {
            int n = ((b["extraState"] as JsonObject)?["itemCount"] is JsonValue c && c.TryGetValue<int>(out var k)) ? Math.Clamp(k, 0, 10_000) : 0;
            var inputs = b["inputs"] as JsonObject;
            while (inputs?.ContainsKey("ADD" + n) == true) n++;
            var list = new List<JsonObject>();
            for (int i = 0; i < n; i++) if (Input(b, "ADD" + i) is { } item) list.Add(item);
            return list;
        }

        static string Numeric(string? t) => t == "double" ? "double" : "int";

        void InferTypes()
        {
            var all = Walk().ToList();
            Dictionary<Var, List<string?>> assigned = new();
            for (int round = 0; round < 12; round++)
            {
                assigned = new Dictionary<Var, List<string?>>();
                void Add(Var? v, string? t) { if (v == null) return; if (!assigned.TryGetValue(v, out var l)) assigned[v] = l = new(); l.Add(t); }
                var returns = new Dictionary<Proc, List<string?>>();
                foreach (var (b, proc, _) in all)
                {
                    switch (TypeOf_(b))
                    {
                        case "variables_set": Add(VarOf(b), TypeOf(Input(b, "VALUE"))); break;
                        case "list_add" or "list_set":
                            if (Input(b, "LIST") is { } l && TypeOf_(l) == "variables_get" && TypeOf(Input(b, "VALUE")) is { } et && Elem(et) == null)
                                Add(VarOf(l), "List<" + et + ">");
                            break;
                        case "list_for_each": Add(VarOf(b), Elem(TypeOf(Input(b, "LIST")))); break;
                        case "math_change": Add(VarOf(b), Numeric(TypeOf(Input(b, "DELTA")))); break;
                        case "controls_for":
                            Add(VarOf(b), Numeric(Merge([TypeOf(Input(b, "FROM")), TypeOf(Input(b, "TO")), TypeOf(Input(b, "BY")), "int"]))); break;
                        case "procedures_callreturn" or "procedures_callnoreturn":
                            if (procs.TryGetValue(CallName(b), out var p))
                                for (int i = 0; i < p.Params.Count; i++) Add(p.Params[i], TypeOf(Input(b, "ARG" + i)));
                            break;
                        case "function_return":
                            if (proc != null && procs.Values.FirstOrDefault(x => x.Block == proc) is { } rp)
                            {
                                if (!returns.TryGetValue(rp, out var rl)) returns[rp] = rl = new();
                                rl.Add(TypeOf(Input(b, "VALUE")));
                            }
                            break;
                    }
                }
                bool changed = false;
                foreach (var v in Vars.Values)
                {
                    var t = v.Hint ?? Merge(assigned.GetValueOrDefault(v) ?? []) ?? "int";
                    if (t != v.Type) { v.Type = t; changed = true; }
                }
                foreach (var p in procs.Values.Where(p => p.Returns))
                {
                    var t = p.ReturnHint ?? Merge([TypeOf(Input(p.Block, "RETURN")), .. returns.GetValueOrDefault(p) ?? []]) ?? "int";
                    if (t != p.ReturnType) { p.ReturnType = t; changed = true; }
                }
                if (!changed) break;
            }
            // a variable that gets both text and numbers (or true/false) is text; the C# compiler will point at the numbers
            foreach (var (v, ts) in assigned)
            {
                var kinds = ts.Where(t => t != null).Select(t => t switch { "int" or "double" => "number", _ => t }).Distinct().ToList();
                if (v.Hint == null && kinds.Count > 1)
                    Problems.Add(new(null, $"The variable '{v.BlocklyName}' gets different kinds of values ({string.Join(", ", kinds)}); it is made a {v.Type}.",
                        $"Variabila „{v.BlocklyName}” primește valori de feluri diferite ({string.Join(", ", kinds.Select(k => k switch { "number" => "număr", "string" => "text", "bool" => "adevărat/fals", _ => k }))}); devine {v.Type}."));
            }
        }

        static string CallName(JsonObject b)
            => Str((b["extraState"] as JsonObject)?["name"]) ?? FieldText(b, "NAME");

        // ---------- writing ----------
        void Write(string s)
        {
            Code.Append(s);
            int nl = s.LastIndexOf('\n');
            if (nl < 0) column += s.Length;
            else { line += s.Count(c => c == '\n'); column = s.Length - nl; }
        }

        void NewLine() => Write("\n");
        void Indent(int indent) => Write(new string(' ', indent * 4));
        (int Line, int Column) Here => (line, column);
        void Span(JsonObject b, (int Line, int Column) start)
        {
            var id = IdOf(b);
            if (id.Length > 0) Spans.Add(new BlockSpan(id, TypeOf_(b), start.Line, start.Column, line, column));
        }

        static string DefaultValue(string? type) => type switch
        {
            "double" => "0", "string" => "\"\"", "bool" => "false",
            _ when Elem(type) != null => $"new {type}()",
            _ => "0",
        };

        public void Run()
        {
            Prepare();
            // 1. declarations
            bool any = false;
            foreach (var v in Vars.Values.Where(v => v.Owner == null && !v.ForLocal && !v.ParamOnly))
            {
                Write($"{v.Type} {v.Name} = {DefaultValue(v.Type)};");
                NewLine();
                any = true;
            }
            // 2. functions
            foreach (var t in tops.Where(t => TypeOf_(t) is "procedures_defnoreturn" or "procedures_defreturn"))
            {
                if (!procs.TryGetValue(FieldText(t, "NAME"), out var p) || p.Block != t) continue;
                if (any) NewLine();
                Function(p);
                any = true;
            }
            // 3. on start
            var start = tops.Where(t => TypeOf_(t) == "event_start" || (BlockCatalog.Find(TypeOf_(t)) is { HasPrevious: true } )).ToList();
            if (start.Count > 0 && any) NewLine();
            foreach (var t in start)
            {
                if (TypeOf_(t) == "event_start")
                {
                    var s = Here;
                    Statements(Input(t, "DO"), 0);
                    if (line > s.Line) Spans.Add(new BlockSpan(IdOf(t), "event_start", s.Line, 1, line - 1, int.MaxValue));
                }
                else Statements(t, 0);
                any = true;
            }
            // 4. events
            foreach (var t in tops.Where(t => TypeOf_(t) is "event_every" or "event_when" or "event_message" or "event_button"))
            {
                if (any) NewLine();
                Event(t);
                any = true;
            }
            foreach (var t in tops)
            {
                var d = BlockCatalog.Find(TypeOf_(t));
                if (d == null) Problems.Add(new(IdOf(t), $"Unknown block '{TypeOf_(t)}'.", $"Bloc necunoscut: „{TypeOf_(t)}”."));
                else if (d.Output != null) Problems.Add(new(IdOf(t), "This block is not attached to anything, so it does nothing.", "Acest bloc nu e prins de nimic, deci nu face nimic."));
            }
        }

        void Function(Proc p)
        {
            var b = p.Block;
            var s = Here;
            currentProc = IdOf(b);
            var ps = string.Join(", ", p.Params.Select(v => $"{v.Type} {v.Name}"));
            Write($"{(p.Returns ? p.ReturnType : "void")} {p.Name}({ps})");
            NewLine();
            Write("{"); NewLine();
            foreach (var v in Vars.Values.Where(v => v.Owner == IdOf(b) && !v.ForLocal))
            {
                Indent(1); Write($"{v.Type} {v.Name} = {DefaultValue(v.Type)};"); NewLine();
            }
            Statements(Input(b, "STACK"), 1);
            if (p.Returns)
            {
                Indent(1); Write("return ");
                ValueInput(b, "RETURN", 0, p.ReturnType);
                Write(";"); NewLine();
            }
            Write("}");
            Span(b, s);
            NewLine();
            currentProc = null;
        }

        void Event(JsonObject b)
        {
            var s = Here;
            switch (TypeOf_(b))
            {
                case "event_every":
                    Write($"Every({NumberLiteral(b, "MS")}, () =>"); break;
                case "event_when":
                    Write("When(() => "); ValueInput(b, "COND", 0, "bool"); Write(", () =>"); break;
                case "event_message":
                    Write($"OnMessage({SymbolDisplay.FormatLiteral(FieldText(b, "NAME"), true)}, () =>"); break;
                default:
                    Write("OnButton(() =>"); break;
            }
            NewLine();
            Write("{"); NewLine();
            Statements(Input(b, "DO"), 1);
            Write("});");
            Span(b, s);
            NewLine();
        }

        void Statements(JsonObject? first, int indent)
        {
            foreach (var b in Stack(first)) Statement(b, indent);
        }

        void Body(JsonObject b, string input, int indent)
        {
            Indent(indent); Write("{"); NewLine();
            Statements(Input(b, input), indent + 1);
            Indent(indent); Write("}");
        }

        int nesting;

        void Statement(JsonObject b, int indent)
        {
            if (nesting > MaxNesting) { TooDeep(b); return; }
            nesting++;
            try { StatementCore(b, indent); }
            finally { nesting--; }
        }

        void TooDeep(JsonObject b)
        {
            if (!Problems.Any(p => p.MessageEn.StartsWith("Blocks are nested", StringComparison.Ordinal)))
                Problems.Add(new(IdOf(b), "Blocks are nested too deeply.", "Blocurile sunt puse prea adânc unele în altele."));
        }

        void StatementCore(JsonObject b, int indent)
        {
            var type = TypeOf_(b);
            var def = BlockCatalog.Find(type);
            Indent(indent);
            var s = Here;
            switch (type)
            {
                case "controls_if":
                {
                    int elseIfs = 0; bool hasElse = false;
                    if (b["extraState"] is JsonObject es)
                    {
                        if (es["elseIfCount"] is JsonValue c && c.TryGetValue<int>(out var n)) elseIfs = n;
                        if (es["hasElse"] is JsonValue h && h.TryGetValue<bool>(out var he)) hasElse = he;
                    }
                    var inputs = b["inputs"] as JsonObject;
                    while (inputs?.ContainsKey("IF" + (elseIfs + 1)) == true) elseIfs++;
                    hasElse |= inputs?.ContainsKey("ELSE") == true;
                    for (int i = 0; i <= elseIfs; i++)
                    {
                        if (i > 0) { NewLine(); Indent(indent); Write("else "); }
                        Write("if ("); ValueInput(b, "IF" + i, 0, "bool"); Write(")"); NewLine();
                        Body(b, "DO" + i, indent);
                    }
                    if (hasElse) { NewLine(); Indent(indent); Write("else"); NewLine(); Body(b, "ELSE", indent); }
                    break;
                }
                case "controls_repeat_ext":
                {
                    var counter = Counter();
                    Write($"for (int {counter} = 0; {counter} < "); ValueInput(b, "TIMES", Prec.Relational + 1, "int");
                    Write($"; {counter}++)"); NewLine();
                    loopCounters.Add(counter);
                    Body(b, "DO", indent);
                    loopCounters.RemoveAt(loopCounters.Count - 1);
                    break;
                }
                case "controls_whileUntil":
                    if (FieldText(b, "MODE") == "UNTIL") { Write("while (!("); ValueInput(b, "BOOL", 0, "bool"); Write("))"); }
                    else { Write("while ("); ValueInput(b, "BOOL", 0, "bool"); Write(")"); }
                    NewLine(); Body(b, "DO", indent);
                    break;
                case "controls_forever":
                    Write("while (true)"); NewLine(); Body(b, "DO", indent);
                    break;
                case "controls_for":
                {
                    var v = VarOf(b);
                    var name = v?.Name ?? "i";
                    Write("for (" + (v?.ForLocal == true ? v.Type + " " : "") + name + " = ");
                    ValueInput(b, "FROM", 0, "int");
                    var by = Input(b, "BY");
                    string? byLit = by != null && TypeOf_(by) == "math_number" ? NumberLiteral(by) : null;
                    bool down = byLit != null && byLit.StartsWith('-');
                    Write($"; {name} {(down ? ">=" : "<=")} ");
                    ValueInput(b, "TO", Prec.Relational + 1, "int");
                    Write("; ");
                    var byStart = Here;
                    if (byLit == "1") Write(name + "++");
                    else if (byLit == "-1") Write(name + "--");
                    else if (down) Write($"{name} -= {byLit![1..]}");
                    else { Write(name + " += "); ValueInput(b, "BY", 0, "int"); }
                    if (by != null && (byLit == "1" || down)) Span(by, byStart);
                    Write(")"); NewLine();
                    Body(b, "DO", indent);
                    break;
                }
                case "controls_flow_statements":
                    Write(FieldText(b, "FLOW") == "CONTINUE" ? "continue;" : "break;");
                    break;
                case "variables_set":
                {
                    var v = VarOf(b);
                    Write((v?.Name ?? "x") + " = "); ValueInput(b, "VALUE", 0, v?.Type); Write(";");
                    break;
                }
                case "math_change":
                {
                    var v = VarOf(b);
                    var name = v?.Name ?? "x";
                    var d = Input(b, "DELTA");
                    var lit = d != null && TypeOf_(d) == "math_number" ? NumberLiteral(d) : null;
                    var ds = Here;
                    if (lit == "1") { Write(name + "++;"); Span(d!, ds); }
                    else if (lit == "-1") { Write(name + "--;"); Span(d!, ds); }
                    else { Write(name + " += "); ValueInput(b, "DELTA", 0, "int"); Write(";"); }
                    break;
                }
                case "list_add":
                    ValueInput(b, "LIST", Prec.Primary, null); Write(".Add("); ValueInput(b, "VALUE", 0, null); Write(");");
                    break;
                case "list_set":
                    ValueInput(b, "LIST", Prec.Primary, null); Write("["); ValueInput(b, "INDEX", 0, "int"); Write("] = "); ValueInput(b, "VALUE", 0, null); Write(";");
                    break;
                case "list_for_each":
                {
                    var v = VarOf(b);
                    Write($"foreach ({v?.Type ?? "int"} {v?.Name ?? "element"} in "); ValueInput(b, "LIST", 0, null); Write(")"); NewLine();
                    Body(b, "DO", indent);
                    break;
                }
                case "function_return":
                    if (Input(b, "VALUE") == null) Write("return;");
                    else { Write("return "); ValueInput(b, "VALUE", 0, null); Write(";"); }
                    break;
                case "procedures_callnoreturn":
                    Call(b); Write(";");
                    break;
                case "csharp_statement":
                {
                    var lines = FieldText(b, "CODE").Replace("\r\n", "\n").Split('\n');
                    for (int i = 0; i < lines.Length; i++)
                    {
                        if (i > 0) { NewLine(); if (lines[i].Length > 0) Indent(indent); }
                        Write(lines[i]);
                    }
                    break;
                }
                default:
                    if (def is { Template: true, IsStatement: true }) Template(b, def);
                    else if (def is { Output: not null })
                    {
                        // a value block where a statement goes (Blockly refuses this; be robust)
                        Problems.Add(new(IdOf(b), "A value block cannot stand alone here.", "Un bloc cu valoare nu poate sta singur aici."));
                        Write("_ = "); Expr(b, 0); Write(";");
                    }
                    else
                    {
                        Problems.Add(new(IdOf(b), $"The block '{type}' cannot go here.", $"Blocul „{type}” nu poate sta aici."));
                        Write($"// {type}");
                    }
                    break;
            }
            Span(b, s);
            NewLine();
        }

        string Counter()
        {
            string[] preferred = ["i", "j", "k", "l", "m", "n"];
            foreach (var c in preferred.Concat(Enumerable.Range(2, 1000).Select(i => "i" + i)))
                if (!names.Contains(c) && !loopCounters.Contains(c)) return c;
            return "i_";
        }

        void Template(JsonObject b, BlockDef def)
        {
            var t = def.CSharp;
            for (int i = 0; i < t.Length; i++)
            {
                if (t[i] == '{')
                {
                    int end = t.IndexOf('}', i);
                    var name = t[(i + 1)..end];
                    var arg = def.Arg(name);
                    ValueInput(b, name, 0, arg?.Check switch { "Number" => "int", "String" => "string", "Boolean" => "bool", _ => null });
                    i = end;
                }
                else Write(t[i].ToString());
            }
        }

        void Call(JsonObject b)
        {
            var name = CallName(b);
            procs.TryGetValue(name, out var p);
            if (p == null) Problems.Add(new(IdOf(b), $"There is no function called '{name}'.", $"Nu există nicio funcție numită „{name}”."));
            Write((p?.Name ?? SafeName(name)) + "(");
            int n = p?.Params.Count ?? ((b["extraState"] as JsonObject)?["params"] as JsonArray)?.Count ?? 0;
            for (int i = 0; i < n; i++)
            {
                if (i > 0) Write(", ");
                ValueInput(b, "ARG" + i, 0, p?.Params[i].Type);
            }
            Write(")");
        }

        void ValueInput(JsonObject b, string input, int minPrec, string? expected)
        {
            var child = Input(b, input);
            if (child == null)
            {
                var arg = BlockCatalog.Find(TypeOf_(b))?.Arg(input);
                expected ??= arg?.Check switch { "String" => "string", "Boolean" => "bool", _ => null };
                Problems.Add(new(IdOf(b), "A slot of this block is empty.", "Un loc din acest bloc e gol."));
                Write(DefaultValue(expected));
                return;
            }
            expectedType = expected;
            Expr(child, minPrec);
        }

        string? expectedType;

        // ---------- expressions ----------
        internal static class Prec
        {
            public const int None = 0, Conditional = 3, Or = 4, And = 5, Equality = 9, Relational = 10, Additive = 12,
                Multiplicative = 13, Unary = 15, Primary = 16;
        }

        int PrecOf(JsonObject b)
        {
            switch (TypeOf_(b))
            {
                case "math_arithmetic":
                    return FieldText(b, "OP") switch { "ADD" or "MINUS" => Prec.Additive, "POWER" => Prec.Primary, _ => Prec.Multiplicative };
                case "math_modulo": return Prec.Multiplicative;
                case "math_negate" or "logic_negate": return Prec.Unary;
                case "math_number": return NumberLiteral(b).StartsWith('-') ? Prec.Unary : Prec.Primary;
                case "lists_create_with": return Prec.Unary; // new List<int> { ... }.Count needs parentheses
                case "logic_compare": return FieldText(b, "OP") is "EQ" or "NEQ" ? Prec.Equality : Prec.Relational;
                case "logic_operation": return FieldText(b, "OP") == "OR" ? Prec.Or : Prec.And;
                case "logic_ternary": return Prec.Conditional;
                case "csharp_expression": return RawPrec(FieldText(b, "CODE"));
                default: return Prec.Primary;
            }
        }

        internal static int RawPrec(string code)
        {
            var e = SyntaxFactory.ParseExpression(code);
            if (e.ContainsDiagnostics || e.FullSpan.Length != code.Length) return Prec.None;
            return CSharpToBlocks.PrecOf(e);
        }

        void Expr(JsonObject b, int minPrec)
        {
            if (nesting > MaxNesting) { TooDeep(b); Write("0"); return; }
            nesting++;
            try { ExprUnguarded(b, minPrec); }
            finally { nesting--; }
        }

        void ExprUnguarded(JsonObject b, int minPrec)
        {
            int prec = PrecOf(b);
            bool parens = prec < minPrec;
            if (parens) Write("(");
            var s = Here;
            ExprCore(b);
            Span(b, s);
            if (parens) Write(")");
        }

        void ExprCore(JsonObject b)
        {
            var expected = expectedType;
            expectedType = null;
            var type = TypeOf_(b);
            var def = BlockCatalog.Find(type);
            switch (type)
            {
                case "math_number": Write(NumberLiteral(b)); return;
                case "text": Write(SymbolDisplay.FormatLiteral(FieldText(b, "TEXT"), true)); return;
                case "logic_boolean": Write(FieldText(b, "BOOL") == "FALSE" ? "false" : "true"); return;
                case "variables_get": Write(VarOf(b)?.Name ?? "x"); return;
                case "math_arithmetic":
                {
                    var op = FieldText(b, "OP");
                    if (op == "POWER") { Write("Math.Pow("); ValueInput(b, "A", 0, "double"); Write(", "); ValueInput(b, "B", 0, "double"); Write(")"); return; }
                    int p = PrecOf(b);
                    ValueInput(b, "A", p, "int");
                    Write(op switch { "MINUS" => " - ", "MULTIPLY" => " * ", "DIVIDE" => " / ", _ => " + " });
                    ValueInput(b, "B", p + 1, "int");
                    return;
                }
                case "math_modulo":
                    ValueInput(b, "DIVIDEND", Prec.Multiplicative, "int"); Write(" % "); ValueInput(b, "DIVISOR", Prec.Multiplicative + 1, "int");
                    return;
                case "math_negate":
                {
                    Write("-");
                    var n = Input(b, "NUM");
                    if (n != null && TypeOf_(n) is "math_number" or "math_negate") { Write("("); Expr(n, 0); Write(")"); }
                    else ValueInput(b, "NUM", Prec.Unary, "int");
                    return;
                }
                case "math_function":
                {
                    var op = BlockCatalog.Find(type)!.Arg("OP")!.Options!.FirstOrDefault(o => o.Value == FieldText(b, "OP"))?.CSharp ?? "Math.Sqrt";
                    Write(op + "(");
                    // Math.Round(int) is ambiguous in C# (decimal or double): a whole number is cast to double
                    if (op is "Math.Round" or "Math.Floor" or "Math.Ceiling" && TypeOf(Input(b, "NUM")) != "double") { Write("(double)"); ValueInput(b, "NUM", Prec.Unary, "double"); }
                    else ValueInput(b, "NUM", 0, "double");
                    Write(")");
                    return;
                }
                case "math_minmax":
                    Write(FieldText(b, "OP") == "MAX" ? "Math.Max(" : "Math.Min("); ValueInput(b, "A", 0, "int"); Write(", "); ValueInput(b, "B", 0, "int"); Write(")");
                    return;
                case "logic_compare":
                {
                    var op = FieldText(b, "OP");
                    int p = PrecOf(b);
                    ValueInput(b, "A", op is "EQ" or "NEQ" ? p : p + 1, null);
                    Write(op switch { "NEQ" => " != ", "LT" => " < ", "LTE" => " <= ", "GT" => " > ", "GTE" => " >= ", _ => " == " });
                    ValueInput(b, "B", p + 1, null);
                    return;
                }
                case "logic_operation":
                {
                    int p = PrecOf(b);
                    ValueInput(b, "A", p, "bool"); Write(FieldText(b, "OP") == "OR" ? " || " : " && "); ValueInput(b, "B", p + 1, "bool");
                    return;
                }
                case "logic_negate": Write("!"); ValueInput(b, "BOOL", Prec.Unary, "bool"); return;
                case "logic_ternary":
                    ValueInput(b, "IF", Prec.Or, "bool"); Write(" ? "); ValueInput(b, "THEN", Prec.Conditional, null); Write(" : "); ValueInput(b, "ELSE", Prec.Conditional, null);
                    return;
                case "text_length": ValueInput(b, "VALUE", Prec.Primary, "string"); Write(".Length"); return;
                case "text_join":
                {
                    int n = ((b["extraState"] as JsonObject)?["itemCount"] is JsonValue c && c.TryGetValue<int>(out var k)) ? k : 0;
                    var inputs = b["inputs"] as JsonObject;
                    while (inputs?.ContainsKey("ADD" + n) == true) n++;
                    if (n == 0) { Write("\"\""); return; }
                    Write("$\"");
                    for (int i = 0; i < n; i++)
                    {
                        var item = Input(b, "ADD" + i);
                        if (item == null) continue;
                        if (TypeOf_(item) == "text")
                        {
                            var s = Here;
                            var lit = SymbolDisplay.FormatLiteral(FieldText(item, "TEXT"), true);
                            Write(lit[1..^1].Replace("{", "{{").Replace("}", "}}"));
                            Span(item, s);
                        }
                        else { Write("{"); Expr(item, Prec.Or); Write("}"); }
                    }
                    Write("\"");
                    return;
                }
                case "procedures_callreturn": Call(b); return;
                case "lists_create_with":
                {
                    var items = Items(b);
                    var elem = Elem(expected) ?? Elem(TypeOf(b)) ?? "int";
                    if (items.Count == 0) { Write($"new List<{elem}>()"); return; }
                    Write($"new List<{elem}> {{ ");
                    for (int i = 0; i < items.Count; i++) { if (i > 0) Write(", "); Expr(items[i], 0); }
                    Write(" }");
                    return;
                }
                case "list_get": ValueInput(b, "LIST", Prec.Primary, null); Write("["); ValueInput(b, "INDEX", 0, "int"); Write("]"); return;
                case "list_length": ValueInput(b, "LIST", Prec.Primary, null); Write(".Count"); return;
                case "csharp_expression": Write(FieldText(b, "CODE")); return;
                default:
                    if (def is { Template: true }) { Template(b, def); return; }
                    Problems.Add(new(IdOf(b), $"The block '{type}' has no value.", $"Blocul „{type}” nu are o valoare."));
                    Write("0");
                    return;
            }
        }

        string NumberLiteral(JsonObject b, string field = "NUM") => FormatNumber(Field(b, field));

        /// <summary>A number field as a C# literal: whole numbers as int, others as double ("2.5", "3.0" kept as written).</summary>
        internal static string FormatNumber(JsonNode? n)
        {
            if (n is not JsonValue v) return "0";
            if (v.TryGetValue<string>(out var s))
            {
                s = s.Trim();
                if (int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)) return i.ToString(CultureInfo.InvariantCulture);
                if (System.Text.RegularExpressions.Regex.IsMatch(s, @"^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$")
                    && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var dd) && double.IsFinite(dd)) return s;
                return "0";
            }
            if (v.GetValueKind() != System.Text.Json.JsonValueKind.Number
                || !double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d)) return "0";
            if (d == Math.Floor(d) && d >= int.MinValue && d <= int.MaxValue) return ((int)d).ToString(CultureInfo.InvariantCulture);
            var r = d.ToString("R", CultureInfo.InvariantCulture);
            return r.Contains('.') || r.Contains('E') ? r : r + ".0";
        }
    }
}
