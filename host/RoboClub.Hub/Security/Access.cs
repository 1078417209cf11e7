using RoboClub.Hub.Api;
using RoboClub.Hub.Projects;

namespace RoboClub.Hub.Security;

/// <summary>
/// Who may call what, as endpoint filters: <see cref="RequireLibrarian{T}"/> for the librarian's
/// actions, <see cref="RequireBoardAccess{T}"/> for everything that drives a board. A refusal carries
/// the header <c>X-RoboClub-Sign-In: librarian|child</c> so the page can open the right sign-in box
/// and try again.
/// </summary>
public static class Access
{
    public const string SignInHeader = "X-RoboClub-Sign-In";

    public static TBuilder RequireLibrarian<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
            context.HttpContext.Visitor().Librarian ? await next(context) : LibrarianRefusal(context.HttpContext));

    public static IResult LibrarianRefusal(HttpContext http)
    {
        http.Response.Headers[SignInHeader] = "librarian";
        bool set = http.RequestServices.GetRequiredService<LibrarianPassword>().IsSet;
        return ApiError.Of(set ? SecurityText.LibrarianOnly : SecurityText.NoPasswordYet, StatusCodes.Status401Unauthorized);
    }

    public static IResult ChildRefusal(HttpContext http)
    {
        http.Response.Headers[SignInHeader] = "child";
        return ApiError.Of(SecurityText.ChooseYourName, StatusCodes.Status401Unauthorized);
    }

    /// <summary>
    /// Board <c>{board}</c> of the route is used by this visitor (see <see cref="BoardClaims"/>);
    /// <paramref name="startsProgram"/>: refused while STOP ALL holds (<see cref="EmergencyStop"/>).
    /// </summary>
    public static TBuilder RequireBoardAccess<TBuilder>(this TBuilder builder, bool startsProgram) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var services = http.RequestServices;
            if (startsProgram && services.GetRequiredService<EmergencyStop>().Engaged)
                return ApiError.Of(SecurityText.EmergencyStopped, StatusCodes.Status423Locked);
            if (http.GetRouteValue("board") is string board)
            {
                var holder = await services.GetRequiredService<BoardClaims>().TryUseAsync(board, http.Visitor(), services.GetRequiredService<IProjectStore>(), http.RequestAborted);
                if (holder is not null) return ApiError.Of(SecurityText.BoardInUse(board, holder.ChildName), StatusCodes.Status409Conflict);
            }
            return await next(context);
        });

    /// <summary>Throws unless the visitor is this child or the librarian (401 when nobody signed in, 403 otherwise).</summary>
    public static void ChildOrLibrarian(HttpContext http, long childId)
    {
        var v = http.Visitor();
        if (v.Librarian || v.IsChild(childId)) return;
        if (v.ChildId is null) throw new AccessException(StatusCodes.Status401Unauthorized, SecurityText.ChooseYourName, "child");
        throw new AccessException(StatusCodes.Status403Forbidden, SecurityText.NotYou, null);
    }

    /// <summary>Throws unless the project is the visitor's own (or the visitor is the librarian).</summary>
    public static async Task OwnProjectAsync(HttpContext http, IProjectStore store, long projectId, CancellationToken ct)
    {
        var v = http.Visitor();
        if (v.Librarian) return;
        if (v.ChildId is null) throw new AccessException(StatusCodes.Status401Unauthorized, SecurityText.ChooseYourName, "child");
        long? owner = await store.OwnerOfAsync(projectId, ct);
        if (owner is null) throw new ProjectException(ProjectFailure.NotFound, ProjectText.UnknownProject(projectId.ToString()));
        if (owner != v.ChildId) throw new AccessException(StatusCodes.Status403Forbidden, SecurityText.NotYourProject, null);
    }
}

/// <summary>A request refused for who sent it (not for what it asked).</summary>
public sealed class AccessException(int status, Boards.HubMessage message, string? signIn) : Exception(message.En)
{
    public int Status { get; } = status;
    public Boards.HubMessage Text { get; } = message;
    public string? SignIn { get; } = signIn;

    public IResult ToResult() => new Refusal(ApiError.Of(Text, Status), SignIn);

    /// <summary>The refusal, with the sign-in header when signing in would help.</summary>
    sealed class Refusal(IResult inner, string? signIn) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            if (signIn is not null) http.Response.Headers[Access.SignInHeader] = signIn;
            return inner.ExecuteAsync(http);
        }
    }
}
