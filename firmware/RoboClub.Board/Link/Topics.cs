using System;

namespace RoboClub.Board.Link
{
    /// <summary>The last level of a board's own topic <c>roboclub/{club}/{board}/{leaf}</c>.</summary>
    public enum TopicLeaf
    {
        None = 0,
        Status = 1,
        Info = 2,
        Program = 3,
        Cmd = 4,
        Ack = 5,
        Telemetry = 6,
        Console = 7,
        Error = 8,
        Watch = 9,
        Config = 10,
        Broadcast = 11,
    }

    public enum TopicKind
    {
        /// <summary>Not a RoboClub topic, or malformed (see <see cref="ParsedTopic.Error"/>).</summary>
        Invalid = 0,

        /// <summary><c>roboclub/{club}/{board}/{leaf}</c>.</summary>
        Board = 1,

        /// <summary><c>roboclub/{club}/all/cmd</c>: commands for every board of the club (stop-all).</summary>
        ClubCommand = 2,

        /// <summary><c>roboclub/{club}/messages/{name}</c>: Scratch-style broadcast between boards.</summary>
        Message = 3,
    }

    /// <summary>
    /// Builds and parses the RoboClub topic tree (see docs/protocol.md). Club, board and message
    /// names: 1..32 characters, lowercase letters a-z, digits and '-'. Board names "all" and
    /// "messages" are reserved (they are club-wide levels).
    /// </summary>
    public static class Topics
    {
        public const string Root = "roboclub";
        public const string AllLevel = "all";
        public const string MessagesLevel = "messages";
        public const int MaxNameLength = 32;

        private static readonly string[] LeafNames = new string[]
        {
            null, "status", "info", "program", "cmd", "ack", "telemetry", "console", "error", "watch", "config", "broadcast",
        };

        /// <summary>The topic level of a leaf ("status", "cmd", ...).</summary>
        public static string LeafName(TopicLeaf leaf)
        {
            int i = (int)leaf;
            if (i <= 0 || i >= LeafNames.Length)
            {
                throw new ArgumentException("not a topic leaf", "leaf");
            }

            return LeafNames[i];
        }

        /// <summary>TopicLeaf.None when the text is not a known leaf.</summary>
        public static TopicLeaf ParseLeaf(string text)
        {
            for (int i = 1; i < LeafNames.Length; i++)
            {
                if (LeafNames[i] == text)
                {
                    return (TopicLeaf)i;
                }
            }

            return TopicLeaf.None;
        }

        /// <summary>Null when the name is valid, otherwise why not ("what" names it in the message).</summary>
        public static string CheckName(string name, string what)
        {
            if (name == null || name.Length == 0)
            {
                return what + " name is empty";
            }

            if (name.Length > MaxNameLength)
            {
                return what + " name \"" + Shorten(name) + "\" is longer than " + MaxNameLength.ToString() + " characters";
            }

            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
                if (!ok)
                {
                    return what + " name \"" + Shorten(name) + "\" has '" + Printable(c) + "' at " + i.ToString()
                        + " (allowed: lowercase letters a-z, digits, '-')";
                }
            }

            return null;
        }

        /// <summary>As <see cref="CheckName"/>, and also refuses the reserved levels "all" and "messages".</summary>
        public static string CheckBoardName(string name)
        {
            string error = CheckName(name, "board");
            if (error != null)
            {
                return error;
            }

            if (name == AllLevel || name == MessagesLevel)
            {
                return "board name \"" + name + "\" is reserved";
            }

            return null;
        }

        public static bool IsValidName(string name)
        {
            return CheckName(name, "a") == null;
        }

        /// <summary><c>roboclub/{club}/{board}/{leaf}</c>; ArgumentException for a bad name.</summary>
        public static string Board(string club, string board, TopicLeaf leaf)
        {
            Require(CheckName(club, "club"));
            Require(CheckBoardName(board));
            return Root + "/" + club + "/" + board + "/" + LeafName(leaf);
        }

        /// <summary><c>roboclub/{club}/all/cmd</c>.</summary>
        public static string ClubCommand(string club)
        {
            Require(CheckName(club, "club"));
            return Root + "/" + club + "/" + AllLevel + "/cmd";
        }

        /// <summary><c>roboclub/{club}/messages/{name}</c>.</summary>
        public static string Message(string club, string name)
        {
            Require(CheckName(club, "club"));
            Require(CheckName(name, "message"));
            return Root + "/" + club + "/" + MessagesLevel + "/" + name;
        }

        /// <summary><c>roboclub/{club}/messages/#</c> (the filter a board subscribes to).</summary>
        public static string MessagesFilter(string club)
        {
            Require(CheckName(club, "club"));
            return Root + "/" + club + "/" + MessagesLevel + "/#";
        }

        /// <summary><c>roboclub/{club}/{board}/#</c> (what a board may publish to, minus program/cmd/config).</summary>
        public static string BoardFilter(string club, string board)
        {
            Require(CheckName(club, "club"));
            Require(CheckBoardName(board));
            return Root + "/" + club + "/" + board + "/#";
        }

        /// <summary>Parses any topic; never throws (a bad topic gives Kind Invalid and an Error).</summary>
        public static ParsedTopic Parse(string topic)
        {
            if (topic == null || topic.Length == 0)
            {
                return ParsedTopic.Invalid("empty topic");
            }

            string[] levels = topic.Split('/');
            if (levels[0] != Root)
            {
                return ParsedTopic.Invalid("topic \"" + Shorten(topic) + "\" does not start with \"" + Root + "/\"");
            }

            if (levels.Length != 4)
            {
                return ParsedTopic.Invalid("topic \"" + Shorten(topic) + "\" must have 4 levels, has " + levels.Length.ToString());
            }

            string error = CheckName(levels[1], "club");
            if (error != null)
            {
                return ParsedTopic.Invalid(error);
            }

            string club = levels[1];
            string second = levels[2];
            if (second == AllLevel)
            {
                if (levels[3] != "cmd")
                {
                    return ParsedTopic.Invalid("club-wide topic \"" + Shorten(topic) + "\" must end in /all/cmd");
                }

                return new ParsedTopic(TopicKind.ClubCommand, club, null, TopicLeaf.Cmd, null, null);
            }

            if (second == MessagesLevel)
            {
                error = CheckName(levels[3], "message");
                if (error != null)
                {
                    return ParsedTopic.Invalid(error);
                }

                return new ParsedTopic(TopicKind.Message, club, null, TopicLeaf.None, levels[3], null);
            }

            error = CheckName(second, "board");
            if (error != null)
            {
                return ParsedTopic.Invalid(error);
            }

            TopicLeaf leaf = ParseLeaf(levels[3]);
            if (leaf == TopicLeaf.None)
            {
                return ParsedTopic.Invalid("unknown topic leaf \"" + Shorten(levels[3]) + "\"");
            }

            return new ParsedTopic(TopicKind.Board, club, second, leaf, null, null);
        }

        private static void Require(string error)
        {
            if (error != null)
            {
                throw new ArgumentException(error);
            }
        }

        internal static string Shorten(string s)
        {
            return s.Length <= 40 ? s : s.Substring(0, 40) + "...";
        }

        private static string Printable(char c)
        {
            if (c < ' ' || c == '\u007F')
            {
                return "\\u" + ((int)c).ToString("X4");
            }

            return c.ToString();
        }
    }
}
