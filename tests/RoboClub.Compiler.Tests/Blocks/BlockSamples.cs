using System.Text;
using System.Text.Json.Nodes;
using RoboClub.Compiler.Blocks;

namespace RoboClub.Compiler.Tests.Blocks;

/// <summary>Builds, for every block kind in the catalog (and every choice of its dropdowns), a small workspace that uses it
/// in a place where it makes sense; and compares workspaces by structure (types, fields, inputs, order; not ids or positions).</summary>
static class BlockSamples
{
    public static IEnumerable<(string Name, JsonObject Workspace)> All()
    {
        foreach (var def in BlockCatalog.All)
        {
            var dropdown = def.Args.FirstOrDefault(a => a.Kind == ArgKind.Dropdown);
            if (dropdown == null) yield return (def.Type, Workspace(def, null));
            else foreach (var o in dropdown.Options!) yield return ($"{def.Type}:{o.Value}", Workspace(def, o.Value));
        }
    }

    static int ids;
    static string NewId() => "s" + (++ids);

    public static JsonObject Num(string n, bool shadow = false) => B("math_number", new() { ["NUM"] = BlockCatalog.NumberNode(n) }, shadow: shadow);
    public static JsonObject Text(string s, bool shadow = false) => B("text", new() { ["TEXT"] = s }, shadow: shadow);
    public static JsonObject Var(string name) => new() { ["id"] = "v_" + name };

    /// <summary>A block; inputs whose block has "__shadow" go in as shadows.</summary>
    public static JsonObject B(string type, Dictionary<string, JsonNode?>? fields = null, Dictionary<string, JsonObject?>? inputs = null, bool shadow = false, JsonObject? extra = null)
    {
        var b = new JsonObject { ["type"] = type, ["id"] = NewId() };
        if (fields != null) { var f = new JsonObject(); foreach (var (k, v) in fields) f[k] = v; b["fields"] = f; }
        if (inputs != null)
        {
            var ins = new JsonObject();
            foreach (var (k, v) in inputs)
            {
                if (v == null) continue;
                bool sh = v["__shadow"] != null;
                v.Remove("__shadow");
                ins[k] = new JsonObject { [sh ? "shadow" : "block"] = v };
            }
            b["inputs"] = ins;
        }
        if (extra != null) b["extraState"] = extra;
        if (shadow) b["__shadow"] = true;
        return b;
    }

    public static JsonObject Chain(params JsonObject[] stmts)
    {
        for (int i = stmts.Length - 2; i >= 0; i--) stmts[i]["next"] = new JsonObject { ["block"] = stmts[i + 1] };
        return stmts[0];
    }

    public static JsonObject Print(JsonObject value) => B("text_print", inputs: new() { ["TEXT"] = value });
    static JsonObject PrintHello() => B("text_print", inputs: new() { ["TEXT"] = Text("salut", shadow: true) });

    public static JsonObject Start(params JsonObject[] stmts) => B("event_start", inputs: new() { ["DO"] = stmts.Length == 0 ? null : Chain(stmts) });

    public static JsonObject Ws(IEnumerable<string> variables, params JsonObject[] tops)
    {
        var arr = new JsonArray();
        double y = 10;
        foreach (var t in tops) { t["x"] = 10; t["y"] = y; y += 100; arr.Add(t); }
        var ws = new JsonObject { ["blocks"] = new JsonObject { ["languageVersion"] = 0, ["blocks"] = arr } };
        var vars = new JsonArray();
        foreach (var v in variables.Distinct()) vars.Add(new JsonObject { ["name"] = v, ["id"] = "v_" + v });
        if (vars.Count > 0) ws["variables"] = vars;
        return ws;
    }

    /// <summary>A block of this kind with every argument filled (shadows where the toolbox puts them).</summary>
    static JsonObject Instance(BlockDef def, string? option, List<string> vars)
    {
        var fields = new Dictionary<string, JsonNode?>();
        var inputs = new Dictionary<string, JsonObject?>();
        foreach (var a in def.Args)
        {
            switch (a.Kind)
            {
                case ArgKind.Number: fields[a.Name] = BlockCatalog.NumberNode(a.Default ?? "0"); break;
                case ArgKind.Text or ArgKind.MultilineText: fields[a.Name] = a.Default ?? ""; break;
                case ArgKind.Dropdown: fields[a.Name] = option ?? a.Options![0].Value; break;
                case ArgKind.Variable: vars.Add(a.Default!); fields[a.Name] = Var(a.Default!); break;
                case ArgKind.Statement: inputs[a.Name] = PrintHello(); break;
                case ArgKind.Value:
                    inputs[a.Name] = a.Shadow switch
                    {
                        "math_number" => Num(a.Default ?? "0", shadow: true),
                        "text" => Text(a.Default ?? "", shadow: true),
                        _ => a.Check switch
                        {
                            "Boolean" => B("logic_boolean", new() { ["BOOL"] = "TRUE" }),
                            "String" => Text("abc"),
                            _ => Num("7"),
                        },
                    };
                    break;
            }
        }
        return B(def.Type, fields, inputs);
    }

    static JsonObject Workspace(BlockDef def, string? option)
    {
        var vars = new List<string>();
        switch (def.Type)
        {
            case "csharp_statement":
                return Ws(vars, Start(B("csharp_statement", new() { ["CODE"] = "Console.Write(\"x\");" })));
            case "csharp_expression":
                return Ws(vars, Start(Print(B("csharp_expression", new() { ["CODE"] = "1 << 3" }))));
            case "text_join":
                return Ws(vars, Start(Print(B("text_join", inputs: new() { ["ADD0"] = Text("T = "), ["ADD1"] = Num("5") }, extra: new JsonObject { ["itemCount"] = 2 }))));
            case "controls_if":
            {
                return Ws(vars, Start(
                    B("controls_if", inputs: new() { ["IF0"] = B("button_pressed"), ["DO0"] = PrintHello() }),
                    B("controls_if", inputs: new() { ["IF0"] = B("button_pressed"), ["DO0"] = PrintHello(), ["IF1"] = B("robot_bumper"), ["DO1"] = PrintHello(), ["ELSE"] = PrintHello() },
                        extra: new JsonObject { ["elseIfCount"] = 1, ["hasElse"] = true }),
                    B("controls_if", inputs: new() { ["IF0"] = B("button_pressed"), ["DO0"] = PrintHello(), ["ELSE"] = PrintHello() },
                        extra: new JsonObject { ["hasElse"] = true })));
            }
            case "controls_flow_statements":
                return Ws(vars, Start(B("controls_forever", inputs: new() { ["DO"] = Chain(PrintHello(), Instance(def, option, vars)) })));
            case "controls_whileUntil":
                return Ws(vars, Start(B(def.Type, new() { ["MODE"] = option }, new() { ["BOOL"] = B("button_pressed"), ["DO"] = PrintHello() })));
            case "procedures_defnoreturn" or "procedures_callnoreturn":
            {
                var def1 = B("procedures_defnoreturn", new() { ["NAME"] = "salută" }, new() { ["STACK"] = Print(B("variables_get", new() { ["VAR"] = Var("nume") })) },
                    extra: new JsonObject { ["params"] = new JsonArray(new JsonObject { ["name"] = "nume", ["id"] = "v_nume" }) });
                var call = B("procedures_callnoreturn", inputs: new() { ["ARG0"] = Text("Ana") },
                    extra: new JsonObject { ["name"] = "salută", ["params"] = new JsonArray("nume") });
                return Ws(["nume"], def1, Start(call));
            }
            case "procedures_defreturn" or "procedures_callreturn" or "function_return":
            {
                var n = B("variables_get", new() { ["VAR"] = Var("n") });
                var body = B("controls_if", inputs: new() { ["IF0"] = B("logic_compare", new() { ["OP"] = "LT" }, new() { ["A"] = B("variables_get", new() { ["VAR"] = Var("n") }), ["B"] = Num("0") }),
                    ["DO0"] = B("function_return", inputs: new() { ["VALUE"] = Num("0") }) });
                var def1 = B("procedures_defreturn", new() { ["NAME"] = "dublu" },
                    new() { ["STACK"] = body, ["RETURN"] = B("math_arithmetic", new() { ["OP"] = "MULTIPLY" }, new() { ["A"] = n, ["B"] = Num("2", shadow: true) }) },
                    extra: new JsonObject { ["params"] = new JsonArray(new JsonObject { ["name"] = "n", ["id"] = "v_n" }) });
                var call = B("procedures_callreturn", inputs: new() { ["ARG0"] = Num("21") }, extra: new JsonObject { ["name"] = "dublu", ["params"] = new JsonArray("n") });
                return Ws(["n"], def1, Start(Print(call)));
            }
            case "text":
                return Ws(vars, Start(Print(Text("salut \"lume\" {x}\n", shadow: true))));
            case "lists_create_with" or "list_add" or "list_get" or "list_set" or "list_length" or "list_for_each":
            {
                JsonObject Get(string v) => B("variables_get", new() { ["VAR"] = Var(v) });
                return Ws(["note", "names", "element"], Start(
                    B("variables_set", new() { ["VAR"] = Var("note") }, new() { ["VALUE"] = B("lists_create_with", inputs: new() { ["ADD0"] = Num("9"), ["ADD1"] = Num("7") }, extra: new JsonObject { ["itemCount"] = 2 }) }),
                    B("list_add", inputs: new() { ["VALUE"] = Num("4"), ["LIST"] = Get("note") }),
                    B("list_set", inputs: new() { ["INDEX"] = Num("0", true), ["LIST"] = Get("note"), ["VALUE"] = Num("10") }),
                    Print(B("list_get", inputs: new() { ["INDEX"] = Num("1", true), ["LIST"] = Get("note") })),
                    Print(B("list_length", inputs: new() { ["LIST"] = Get("note") })),
                    B("list_for_each", new() { ["VAR"] = Var("element") }, new() { ["LIST"] = Get("note"), ["DO"] = Print(Get("element")) }),
                    B("variables_set", new() { ["VAR"] = Var("names") }, new() { ["VALUE"] = B("lists_create_with", extra: new JsonObject { ["itemCount"] = 0 }) }),
                    B("list_add", inputs: new() { ["VALUE"] = Text("Ana"), ["LIST"] = Get("names") }),
                    Print(B("list_get", inputs: new() { ["INDEX"] = Num("0", true), ["LIST"] = Get("names") }))));
            }
            case "event_start":
                return Ws(vars, Start(PrintHello()));
            case "controls_for":
            {
                var loop = B("controls_for", new() { ["VAR"] = Var("i") }, new() { ["FROM"] = Num("1", true), ["TO"] = Num("10", true), ["BY"] = Num("1", true),
                    ["DO"] = Print(B("variables_get", new() { ["VAR"] = Var("i") })) });
                var down = B("controls_for", new() { ["VAR"] = Var("k") }, new() { ["FROM"] = Num("10", true), ["TO"] = Num("0", true), ["BY"] = Num("-2", true),
                    ["DO"] = Print(B("variables_get", new() { ["VAR"] = Var("k") })) });
                var global = B("controls_for", new() { ["VAR"] = Var("t") }, new() { ["FROM"] = Num("0", true), ["TO"] = Num("20", true), ["BY"] = Num("5", true), ["DO"] = PrintHello() });
                return Ws(["i", "k", "t"], Start(loop, down, global, Print(B("variables_get", new() { ["VAR"] = Var("t") }))));
            }
        }
        var block = Instance(def, option, vars);
        if (def.IsHat) return Ws(vars, block);
        if (def.IsStatement) return Ws(vars, Start(block));
        return Ws(vars, Start(Print(block)));
    }

    /// <summary>The structure of a workspace: block types, fields (variables by name), inputs with block/shadow, next; no ids or positions.</summary>
    public static string Structure(JsonObject ws)
    {
        var names = new Dictionary<string, string>();
        if (ws["variables"] is JsonArray vs)
            foreach (var v in vs.OfType<JsonObject>()) names[(string)v["id"]!] = (string)v["name"]!;
        var sb = new StringBuilder();
        void Block(JsonObject b, int depth)
        {
            sb.Append(new string(' ', depth * 2)).Append((string)b["type"]!);
            if (b["fields"] is JsonObject f)
                foreach (var (k, v) in f.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    string val = v is JsonObject vo ? "var:" + names.GetValueOrDefault((string)vo["id"]!, (string)vo["id"]!)
                        : k == "NUM" ? BlocksToCSharp.FormatNumberForTests(v) : v!.ToJsonString();
                    sb.Append($" {k}={val}");
                }
            if (b["extraState"] is JsonObject es)
            {
                if (es["params"] is JsonArray ps) sb.Append(" params=" + string.Join(",", ps.Select(p => p is JsonObject po ? (string)po["name"]! : (string)p!)));
                if (es["name"] != null) sb.Append(" call=" + (string)es["name"]!);
                if (es["elseIfCount"] != null) sb.Append(" elseif=" + es["elseIfCount"]);
                if (es["hasElse"] != null) sb.Append(" else=" + es["hasElse"]);
                if (es["itemCount"] != null) sb.Append(" items=" + es["itemCount"]);
            }
            sb.Append('\n');
            if (b["inputs"] is JsonObject ins)
                foreach (var (k, v) in ins.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    var slot = (JsonObject)v!;
                    var kind = slot["block"] != null ? "block" : "shadow";
                    sb.Append(new string(' ', depth * 2 + 1)).Append($"{k} ({kind}):\n");
                    Block((JsonObject)(slot["block"] ?? slot["shadow"])!, depth + 1);
                }
            if ((b["next"] as JsonObject)?["block"] is JsonObject n) Block(n, depth);
        }
        foreach (var t in ((JsonArray)ws["blocks"]!["blocks"]!).OfType<JsonObject>()) { Block(t, 0); sb.Append("--\n"); }
        return sb.ToString();
    }
}
