namespace RoboClub.Hub.Boards;

/// <summary>Setting Hub:BoardLogins (`serve --board-logins`): must boards log in to the embedded broker?</summary>
public enum BoardLoginMode
{
    /// <summary>Every MQTT client logs in as a board (user = board name) and is held to that board's ACL.</summary>
    Required,
    /// <summary>Clients without a user name are let in without any ACL, as before board logins existed:
    /// for boards made before them, and benchmarks. Clients with a user name must still be a board with
    /// the right password (as mosquitto with allow_anonymous and a password file), held to its ACL.</summary>
    Open,
}
