using System.Security.Cryptography;
using System.Text;

namespace RoboClub.Mqtt.Broker;

/// <summary>An HTTP/1.1 request head (request line and header fields), as far as the WebSocket opening handshake needs it.</summary>
internal sealed class HttpRequestHead
{
    public required string Method { get; init; }
    /// <summary>The request target as sent (e.g. "/mqtt?x=1").</summary>
    public required string Target { get; init; }
    /// <summary>The path of the target, without the query.</summary>
    public required string Path { get; init; }
    public required string Version { get; init; }
    /// <summary>Field values by lower-case name; repeated fields keep every value in order.</summary>
    public required Dictionary<string, List<string>> Headers { get; init; }

    public string? this[string name] =>
        Headers.TryGetValue(name, out var values) ? string.Join(", ", values) : null;

    /// <summary>The comma-separated tokens of every field with this name, trimmed, empty ones dropped.</summary>
    public IEnumerable<string> Tokens(string name)
    {
        if (!Headers.TryGetValue(name, out var values)) yield break;
        foreach (string value in values)
        {
            foreach (string token in value.Split(','))
            {
                string t = token.Trim(' ', '\t');
                if (t.Length > 0) yield return t;
            }
        }
    }
}

/// <summary>What to answer to an opening handshake: 101 with the accept key, or an HTTP error.</summary>
internal sealed record WebSocketHandshakeResult(int StatusCode, string Reason, string? AcceptKey, string? SubProtocol, IReadOnlyList<KeyValuePair<string, string>> ExtraHeaders)
{
    public bool Accepted => StatusCode == 101;

    public static WebSocketHandshakeResult Error(int status, string reason, params KeyValuePair<string, string>[] extraHeaders) =>
        new(status, reason, null, null, extraHeaders);
}

/// <summary>The server side of the RFC 6455 opening handshake, with MQTT's sub-protocol rule (spec 6.0).</summary>
internal static class WebSocketHandshake
{
    const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>Sub-protocols we answer, best first: "mqtt" (MQTT 3.1.1 and 5.0) and the old "mqttv3.1".</summary>
    public static readonly string[] SupportedSubProtocols = ["mqtt", "mqttv3.1"];

    /// <summary>Index just after the blank line that ends the head, or -1. Starts looking at <paramref name="from"/>.</summary>
    public static int FindHeadEnd(ReadOnlySpan<byte> data, int from = 0)
    {
        from = Math.Max(0, from);
        int i = data[from..].IndexOf("\r\n\r\n"u8);
        return i < 0 ? -1 : from + i + 4;
    }

    /// <summary>Parses a request head (everything up to and including the blank line).</summary>
    public static bool TryParse(ReadOnlySpan<byte> head, out HttpRequestHead? request, out string error)
    {
        request = null;
        // Field values are ISO-8859-1 by HTTP's rules; everything we need is ASCII.
        string text = Encoding.Latin1.GetString(head);
        if (text.EndsWith("\r\n\r\n", StringComparison.Ordinal)) text = text[..^4];
        string[] lines = text.Split("\r\n");
        string[] requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || requestLine.Any(p => p.Length == 0))
        {
            error = "malformed request line";
            return false;
        }
        string method = requestLine[0], target = requestLine[1], version = requestLine[2];
        if (!version.StartsWith("HTTP/", StringComparison.Ordinal))
        {
            error = "malformed request line";
            return false;
        }
        string path;
        if (target.StartsWith('/'))
        {
            int q = target.IndexOf('?');
            path = q < 0 ? target : target[..q];
        }
        else if (Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "ws")
        {
            path = uri.AbsolutePath;
        }
        else
        {
            error = "unsupported request target";
            return false;
        }

        var headers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (int i = 1; i < lines.Length; i++)
        {
            string line = lines[i];
            int colon = line.IndexOf(':');
            if (line.Length == 0 || line[0] is ' ' or '\t' || colon <= 0)
            {
                error = $"malformed header line {i + 1}";
                return false;
            }
            string name = line[..colon];
            if (!IsToken(name))
            {
                error = $"malformed header name on line {i + 1}";
                return false;
            }
            string value = line[(colon + 1)..].Trim(' ', '\t');
            name = name.ToLowerInvariant();
            if (!headers.TryGetValue(name, out var list)) headers[name] = list = [];
            list.Add(value);
        }
        request = new HttpRequestHead { Method = method, Target = target, Path = path, Version = version, Headers = headers };
        error = "";
        return true;
    }

    static bool IsToken(string s)
    {
        foreach (char c in s)
        {
            if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".Contains(c)) return false;
        }
        return s.Length > 0;
    }

    /// <summary>Decides the answer to a parsed request for the endpoint at <paramref name="path"/>.</summary>
    /// <param name="allowedOrigins">When not null, a request with an Origin field (a browser) must name one of these.</param>
    public static WebSocketHandshakeResult Evaluate(HttpRequestHead request, string path, IReadOnlyCollection<string>? allowedOrigins)
    {
        if (request.Method != "GET")
        {
            return WebSocketHandshakeResult.Error(405, "Method Not Allowed", H("Allow", "GET"));
        }
        if (request.Version != "HTTP/1.1")
        {
            return WebSocketHandshakeResult.Error(400, "Bad Request"); // RFC 6455 4.1: HTTP/1.1 or higher; nothing higher upgrades
        }
        if (!string.Equals(request.Path, path, StringComparison.Ordinal))
        {
            return WebSocketHandshakeResult.Error(404, "Not Found");
        }
        bool upgrade = request.Tokens("upgrade").Any(t => t.Equals("websocket", StringComparison.OrdinalIgnoreCase));
        bool connection = request.Tokens("connection").Any(t => t.Equals("upgrade", StringComparison.OrdinalIgnoreCase));
        if (!upgrade || !connection)
        {
            return WebSocketHandshakeResult.Error(426, "Upgrade Required", H("Upgrade", "websocket"), H("Sec-WebSocket-Version", "13"));
        }
        if (request["sec-websocket-version"] != "13")
        {
            return WebSocketHandshakeResult.Error(426, "Upgrade Required", H("Upgrade", "websocket"), H("Sec-WebSocket-Version", "13"));
        }
        if (!request.Headers.TryGetValue("host", out var hosts) || hosts.Count != 1)
        {
            return WebSocketHandshakeResult.Error(400, "Bad Request");
        }
        string? key = request.Headers.TryGetValue("sec-websocket-key", out var keys) && keys.Count == 1 ? keys[0] : null;
        if (key is null || !IsValidKey(key))
        {
            return WebSocketHandshakeResult.Error(400, "Bad Request");
        }
        if (allowedOrigins is not null && request["origin"] is { } origin &&
            !allowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase))
        {
            return WebSocketHandshakeResult.Error(403, "Forbidden");
        }
        var offered = request.Tokens("sec-websocket-protocol").ToList();
        // MQTT 6.0: the server selects "mqtt" when offered. A client offering none gets no header
        // (lenient: some simple clients omit it); a client offering only others fails on its side.
        string? subProtocol = SupportedSubProtocols.FirstOrDefault(p => offered.Contains(p, StringComparer.Ordinal));
        return new WebSocketHandshakeResult(101, "Switching Protocols", ComputeAccept(key), subProtocol, []);
    }

    static KeyValuePair<string, string> H(string name, string value) => new(name, value);

    /// <summary>A key is the base64 encoding of 16 bytes (RFC 6455 4.2.1).</summary>
    public static bool IsValidKey(string key)
    {
        Span<byte> bytes = stackalloc byte[18];
        return key.Length == 24 && Convert.TryFromBase64String(key, bytes, out int n) && n == 16;
    }

    public static string ComputeAccept(string key) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid)));

    public static byte[] FormatResponse(WebSocketHandshakeResult result)
    {
        var sb = new StringBuilder();
        sb.Append("HTTP/1.1 ").Append(result.StatusCode).Append(' ').Append(result.Reason).Append("\r\n");
        if (result.Accepted)
        {
            sb.Append("Upgrade: websocket\r\nConnection: Upgrade\r\n");
            sb.Append("Sec-WebSocket-Accept: ").Append(result.AcceptKey).Append("\r\n");
            if (result.SubProtocol is not null) sb.Append("Sec-WebSocket-Protocol: ").Append(result.SubProtocol).Append("\r\n");
            sb.Append("\r\n");
        }
        else
        {
            string body = $"{result.StatusCode} {result.Reason}: this is an MQTT over WebSocket endpoint\n";
            foreach (var (name, value) in result.ExtraHeaders) sb.Append(name).Append(": ").Append(value).Append("\r\n");
            sb.Append("Content-Type: text/plain; charset=utf-8\r\n");
            sb.Append("Content-Length: ").Append(Encoding.UTF8.GetByteCount(body)).Append("\r\n");
            sb.Append("Connection: close\r\n\r\n");
            sb.Append(body);
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
