using RoboClub.Hub.Boards;

namespace RoboClub.Hub.Api;

/// <summary>Every refused request answers the same shape, in both languages:
/// <c>{"error":{"en":"...","ro":"..."}}</c> with a 4xx status.</summary>
public static class ApiError
{
    public static IResult BadRequest(string en, string ro) => Results.BadRequest(new { error = new { en, ro } });

    public static IResult NotFound(HubMessage message) => Results.NotFound(new { error = new { en = message.En, ro = message.Ro } });

    public static IResult Of(HubMessage message, int status = StatusCodes.Status409Conflict) =>
        Results.Json(new { error = new { en = message.En, ro = message.Ro } }, statusCode: status);
}
