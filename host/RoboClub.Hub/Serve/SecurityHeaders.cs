namespace RoboClub.Hub.Serve;

/// <summary>
/// Headers on every answer, so a name a child typed can never become a script in another child's
/// browser, and the pages cannot be framed by another site on the library's network:
/// a Content-Security-Policy that allows only the hub's own scripts (no inline script, no eval),
/// plus nosniff, no referrer, and no framing by other origins.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Styles allow 'unsafe-inline' because Blockly and CodeMirror add their own &lt;style&gt; elements at
    /// run time (styles cannot run code); images allow data: for Blockly's built-in icons; connect-src
    /// 'self' covers the live connection's same-origin WebSocket.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "SAMEORIGIN";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        return next(context);
    });
}
