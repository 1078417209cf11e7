namespace RoboClub.Board.Link
{
    internal enum LinkEventKind
    {
        Command = 0,
        Program = 1,
        Config = 2,
        Broadcast = 3,
        Rejected = 4,
    }

    /// <summary>An incoming message, checked on the transport's thread, waiting for Tick.</summary>
    internal sealed class LinkEvent
    {
        internal LinkEventKind Kind;
        internal CommandPayload Command;
        internal byte[] Image;
        internal JsonNode Config;
        internal string Name;
        internal string From;
        internal int Seq;
        internal string Error;
        internal bool ReportOnErrorTopic;

        internal bool IsStop
        {
            get
            {
                return Kind == LinkEventKind.Command
                    && (Command.Kind == CommandKind.Stop || Command.Kind == CommandKind.StopAll);
            }
        }
    }
}
