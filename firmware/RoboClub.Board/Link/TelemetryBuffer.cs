using System;

namespace RoboClub.Board.Link
{
    /// <summary>
    /// Bounded store-and-forward of telemetry samples: a ring of preallocated parallel arrays
    /// (time, series index, value), so adding a sample allocates nothing. Series names live in a
    /// small table (at most 255 names, never removed, so an index stays valid).
    /// <para>Guarantees: samples leave in the order they were added; when the ring is full the oldest
    /// sample is dropped and counted in <see cref="Dropped"/>; a sample is stored once and leaves the
    /// store once: <see cref="TakeBatch(TelemetryBatch)"/> copies the oldest samples out without
    /// removing them, <see cref="Commit"/> removes exactly those after a successful publish, and
    /// <see cref="Abort"/> (or the next TakeBatch) leaves them in place for the next try.</para>
    /// <para>Thread-safe: a sensor thread may Add while the main loop takes batches.</para>
    /// </summary>
    public sealed class TelemetryBuffer
    {
        public const int MaxSeriesNameLength = 32;
        public const int MaxSeriesLimit = 255;

        private readonly object _lock = new object();
        private readonly long[] _time;
        private readonly byte[] _series;
        private readonly double[] _value;
        private readonly string[] _names;
        private int _nameCount;
        private int _head;
        private int _count;

        // The outstanding batch: how many of the oldest samples it holds, and the Dropped value it reported.
        private bool _batchOut;
        private int _taken;
        private long _takenDropped;

        // Samples of the outstanding batch pushed out by new ones while it was being published.
        private int _evictedInFlight;

        private long _dropped;
        private long _rejected;

        public TelemetryBuffer(int capacity, int maxSeries)
        {
            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException("capacity", "at least 1 sample");
            }

            if (maxSeries < 1 || maxSeries > MaxSeriesLimit)
            {
                throw new ArgumentOutOfRangeException("maxSeries", "1 to 255 series");
            }

            _time = new long[capacity];
            _series = new byte[capacity];
            _value = new double[capacity];
            _names = new string[maxSeries];
        }

        public int Capacity
        {
            get { return _time.Length; }
        }

        /// <summary>Samples in the store (including those of an outstanding batch).</summary>
        public int Count
        {
            get
            {
                lock (_lock)
                {
                    return _count;
                }
            }
        }

        /// <summary>Samples lost (dropped because the store was full) and not yet reported in a committed batch.</summary>
        public long Dropped
        {
            get
            {
                lock (_lock)
                {
                    return _dropped;
                }
            }
        }

        /// <summary>Samples refused by Add (bad series name, series table full, NaN or infinite value). Never reset.</summary>
        public long Rejected
        {
            get
            {
                lock (_lock)
                {
                    return _rejected;
                }
            }
        }

        public int SeriesCount
        {
            get
            {
                lock (_lock)
                {
                    return _nameCount;
                }
            }
        }

        /// <summary>True between TakeBatch and Commit/Abort.</summary>
        public bool HasBatchOut
        {
            get
            {
                lock (_lock)
                {
                    return _batchOut;
                }
            }
        }

        /// <summary>1..32 characters: letters, digits, '-', '_' and '.'.</summary>
        public static bool IsValidSeriesName(string name)
        {
            if (name == null || name.Length == 0 || name.Length > MaxSeriesNameLength)
            {
                return false;
            }

            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The index of a series, registering it on first use; -1 when the name is invalid or
        /// the table is full.</summary>
        public int SeriesIndex(string name)
        {
            lock (_lock)
            {
                return FindOrAddSeries(name);
            }
        }

        public string SeriesName(int index)
        {
            lock (_lock)
            {
                return index >= 0 && index < _nameCount ? _names[index] : null;
            }
        }

        /// <summary>Stores a sample (dropping the oldest when full); false when refused.</summary>
        public bool Add(long timeMs, string series, double value)
        {
            lock (_lock)
            {
                int index = FindOrAddSeries(series);
                if (index < 0)
                {
                    _rejected++;
                    return false;
                }

                return AddLocked(timeMs, index, value);
            }
        }

        /// <summary>Stores a sample for a series index from <see cref="SeriesIndex"/> (no name lookup).</summary>
        public bool Add(long timeMs, int seriesIndex, double value)
        {
            lock (_lock)
            {
                if (seriesIndex < 0 || seriesIndex >= _nameCount)
                {
                    _rejected++;
                    return false;
                }

                return AddLocked(timeMs, seriesIndex, value);
            }
        }

        /// <summary>Copies up to batch.Capacity oldest samples into the batch without removing them.
        /// A batch still outstanding is aborted first. Returns the number of samples taken.</summary>
        public int TakeBatch(TelemetryBatch batch)
        {
            return TakeBatch(batch, batch.Capacity);
        }

        public int TakeBatch(TelemetryBatch batch, int max)
        {
            if (batch == null)
            {
                throw new ArgumentNullException("batch");
            }

            lock (_lock)
            {
                AbortLocked();
                int n = _count;
                if (n > max)
                {
                    n = max;
                }

                if (n > batch.Capacity)
                {
                    n = batch.Capacity;
                }

                int cap = _time.Length;
                for (int i = 0; i < n; i++)
                {
                    int at = (_head + i) % cap;
                    batch.Times[i] = _time[at];
                    batch.SeriesIndexes[i] = _series[at];
                    batch.Values[i] = _value[at];
                }

                batch.Count = n;
                batch.Dropped = _dropped;
                batch.Names = _names;
                _batchOut = true;
                _taken = n;
                _takenDropped = _dropped;
                _evictedInFlight = 0;
                return n;
            }
        }

        /// <summary>The outstanding batch was delivered: remove its samples and the drops it reported.</summary>
        public void Commit()
        {
            lock (_lock)
            {
                if (!_batchOut)
                {
                    return;
                }

                // Samples of the batch that new samples already pushed out are gone from the ring.
                int remove = _taken;
                if (remove > _count)
                {
                    remove = _count;
                }

                _head = (_head + remove) % _time.Length;
                _count -= remove;
                _dropped -= _takenDropped;
                _batchOut = false;
                _taken = 0;
                _takenDropped = 0;
                _evictedInFlight = 0;
            }
        }

        /// <summary>The outstanding batch was not delivered: its samples stay, for the next batch.</summary>
        public void Abort()
        {
            lock (_lock)
            {
                AbortLocked();
            }
        }

        /// <summary>Empties the store (counters are kept).</summary>
        public void Clear()
        {
            lock (_lock)
            {
                _head = 0;
                _count = 0;
                _batchOut = false;
                _taken = 0;
                _takenDropped = 0;
                _evictedInFlight = 0;
            }
        }

        private void AbortLocked()
        {
            if (!_batchOut)
            {
                return;
            }

            // Samples of the failed batch pushed out while it was in flight are now really lost.
            _dropped += _evictedInFlight;
            _batchOut = false;
            _taken = 0;
            _takenDropped = 0;
            _evictedInFlight = 0;
        }

        private bool AddLocked(long timeMs, int seriesIndex, double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                _rejected++;
                return false;
            }

            int cap = _time.Length;
            if (_count == cap)
            {
                // Drop the oldest.
                _head = (_head + 1) % cap;
                _count--;
                if (_batchOut && _taken > 0)
                {
                    // It is part of the batch being published: lost only if that publish fails.
                    _taken--;
                    _evictedInFlight++;
                }
                else
                {
                    _dropped++;
                }
            }

            int at = (_head + _count) % cap;
            _time[at] = timeMs;
            _series[at] = (byte)seriesIndex;
            _value[at] = value;
            _count++;
            return true;
        }

        private int FindOrAddSeries(string name)
        {
            for (int i = 0; i < _nameCount; i++)
            {
                if (_names[i] == name)
                {
                    return i;
                }
            }

            if (!IsValidSeriesName(name) || _nameCount >= _names.Length)
            {
                return -1;
            }

            _names[_nameCount] = name;
            return _nameCount++;
        }
    }
}
