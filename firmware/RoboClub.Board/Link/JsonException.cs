using System;

namespace RoboClub.Board.Link
{
    /// <summary>Malformed JSON, or JSON beyond the reader's limits. <see cref="Position"/> is the byte
    /// offset where the problem was found.</summary>
    public class JsonException : Exception
    {
        public JsonException(string message, int position)
            : base("JSON: " + message + " at byte " + position.ToString())
        {
            Position = position;
        }

        public int Position { get; private set; }
    }
}
