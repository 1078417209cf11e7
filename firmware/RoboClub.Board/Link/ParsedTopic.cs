namespace RoboClub.Board.Link
{
    /// <summary>What <see cref="Topics.Parse"/> found in a topic.</summary>
    public sealed class ParsedTopic
    {
        internal ParsedTopic(TopicKind kind, string club, string board, TopicLeaf leaf, string messageName, string error)
        {
            Kind = kind;
            Club = club;
            Board = board;
            Leaf = leaf;
            MessageName = messageName;
            Error = error;
        }

        public TopicKind Kind { get; private set; }

        public string Club { get; private set; }

        /// <summary>The board level (Kind Board only).</summary>
        public string Board { get; private set; }

        /// <summary>The leaf (Board: its leaf; ClubCommand: Cmd; otherwise None).</summary>
        public TopicLeaf Leaf { get; private set; }

        /// <summary>The message name (Kind Message only).</summary>
        public string MessageName { get; private set; }

        /// <summary>Why the topic is invalid (Kind Invalid only).</summary>
        public string Error { get; private set; }

        public bool IsValid
        {
            get { return Kind != TopicKind.Invalid; }
        }

        internal static ParsedTopic Invalid(string error)
        {
            return new ParsedTopic(TopicKind.Invalid, null, null, TopicLeaf.None, null, error);
        }
    }
}
