using RoboClub.Hub.Boards;

namespace RoboClub.Hub.Projects;

/// <summary>Why the store refused something; the API turns it into a status code.</summary>
public enum ProjectFailure { Invalid, NotFound, InBin, Taken, TooLarge }

/// <summary>A refusal with a message for the child or librarian in both languages. Nothing was changed.</summary>
public sealed class ProjectException(ProjectFailure failure, HubMessage message) : Exception(message.En)
{
    public ProjectFailure Failure { get; } = failure;
    public HubMessage Text { get; } = message;
}
