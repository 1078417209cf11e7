using System;

namespace RoboClub.Board.Link
{
    /// <summary>
    /// A reusable copy of the oldest samples of a <see cref="TelemetryBuffer"/>, filled by
    /// <see cref="TelemetryBuffer.TakeBatch(TelemetryBatch)"/> (preallocated: taking a batch allocates nothing).
    /// </summary>
    public sealed class TelemetryBatch
    {
        internal readonly long[] Times;
        internal readonly byte[] SeriesIndexes;
        internal readonly double[] Values;
        internal string[] Names;

        public TelemetryBatch(int capacity)
        {
            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException("capacity", "at least 1 sample");
            }

            Times = new long[capacity];
            SeriesIndexes = new byte[capacity];
            Values = new double[capacity];
        }

        public int Capacity
        {
            get { return Times.Length; }
        }

        /// <summary>Samples in this batch.</summary>
        public int Count { get; internal set; }

        /// <summary>Samples lost since the last committed batch, as counted when this batch was taken.</summary>
        public long Dropped { get; internal set; }

        public long Time(int i)
        {
            return Times[i];
        }

        public string Series(int i)
        {
            return Names[SeriesIndexes[i]];
        }

        public double Value(int i)
        {
            return Values[i];
        }
    }
}
