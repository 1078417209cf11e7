using System;

namespace RoboClub.Board.Link
{
    /// <summary>
    /// A payload that is not what the protocol allows (bad JSON, missing or wrong field, unknown
    /// command, too large). <see cref="Seq"/> is the command's seq when it could be read (0 otherwise)
    /// so the rejection can still be acknowledged.
    /// </summary>
    public class PayloadException : Exception
    {
        public PayloadException(string message)
            : base(message)
        {
        }

        public PayloadException(string message, int seq)
            : base(message)
        {
            Seq = seq;
        }

        public int Seq { get; private set; }
    }
}
