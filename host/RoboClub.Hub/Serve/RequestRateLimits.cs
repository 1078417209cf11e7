using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace RoboClub.Hub.Serve;

/// <summary>
/// Per-computer limits on the requests that cost the hub CPU (compiling, blocks ↔ C#): one runaway
/// browser tab or script must not slow every other child's Run. A token bucket per remote address:
/// a burst for a child dragging blocks quickly, then a steady rate; over it, 429 with a plain message
/// in English and Romanian and a Retry-After. Limits come from "Hub:CompileBurst" and
/// "Hub:CompilePerSecond".
/// </summary>
public static class RequestRateLimits
{
    public const string Compile = "compile";

    public static IServiceCollection AddRequestRateLimits(this IServiceCollection services) => services.AddRateLimiter(options =>
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.AddPolicy(Compile, context =>
        {
            var settings = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<HubSettings>>().Value;
            string who = context.Connection.RemoteIpAddress?.ToString() ?? "local";
            return RateLimitPartition.GetTokenBucketLimiter(who, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = settings.CompileBurst,
                TokensPerPeriod = settings.CompilePerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
        options.OnRejected = async (context, cancellationToken) =>
        {
            var response = context.HttpContext.Response;
            response.Headers.RetryAfter = "1";
            await response.WriteAsJsonAsync(new
            {
                error = new
                {
                    en = "Too many requests from this computer at once. Wait a moment and try again.",
                    ro = "Prea multe cereri de la acest calculator deodată. Așteaptă o clipă și încearcă din nou.",
                },
            }, cancellationToken);
        };
    });

    /// <summary>For the log: the limits as a librarian would read them.</summary>
    public static string Describe(HubSettings s) =>
        string.Create(CultureInfo.InvariantCulture, $"{s.CompilePerSecond} compiles a second per computer, bursts of {s.CompileBurst}");
}
