namespace RoboClub.Lessons;

/// <summary>The YAML at the top of lesson.ro.md / lesson.en.md (between two <c>---</c> lines).</summary>
public sealed class FrontMatter
{
    public string Title { get; set; } = "";
    /// <summary>"weather" or "robot": the folder the lesson lives in.</summary>
    public string Track { get; set; } = "";
    public int Number { get; set; }
    /// <summary>Minutes the lesson takes in a club (45–60 for our tracks).</summary>
    public int Duration { get; set; }
    /// <summary>What the club needs on the table, in the lesson's language.</summary>
    public List<string> Hardware { get; set; } = [];
    /// <summary>The board kind the program runs on: "robot" or "weather".</summary>
    public string Board { get; set; } = "";
    /// <summary>The real kit's board profile (docs/protocol.md, <c>info.profile</c>), e.g. robot-tb6612 (docs/boards.md).</summary>
    public string Profile { get; set; } = "";
    /// <summary>What the children learn, one short sentence each.</summary>
    public List<string> Goals { get; set; } = [];
}
