using System;
using System.Text;
using RoboClub.Board.Link;

namespace RoboClub.Firmware
{
    /// <summary>
    /// Store-and-forward of telemetry on flash while the hub is away, so a weather station measuring for
    /// a weekend with the hub PC switched off loses nothing (the RAM store is small: heap is ~80 KB).
    /// <para>While the link is down, samples waiting in the link's RAM store are moved to flash in chunks
    /// (every <see cref="ChunkSamples"/> samples or <see cref="ParkIntervalMs"/>). Chunks are appended to
    /// segment files <c>I:\tm-NNNNN.csv</c> of at most <see cref="SegmentBytes"/>; at most
    /// <see cref="MaxSegments"/> segments (64 KB of the 256 KB drive). When full, the oldest segment is
    /// deleted and its samples are counted as dropped.</para>
    /// <para>When the hub is back, chunks are sent oldest first as ordinary telemetry messages, one per
    /// <see cref="Tick"/>. Times: a chunk of this boot keeps board times ("now" = board time). A chunk of an
    /// earlier boot is dated by the wall clock of that boot (written in the chunk header when known):
    /// "t" and "now" are then milliseconds since the chunk's first sample, so the hub's rule
    /// wall = received - (now - t) still gives each sample's time. A chunk of an earlier boot that never
    /// knew the time cannot be dated: it is dropped and counted.</para>
    /// Chunk format: a header line <c>#boot,wall0,dropped</c> (wall0 = wall-clock ms at board time 0, -1
    /// unknown), then one line per sample <c>t,series,value</c>.
    /// </summary>
    public sealed class TelemetrySpool
    {
        public const string Folder = "I:\\";
        public const string Prefix = "tm-";
        public const int ChunkSamples = 50;
        public const int ParkIntervalMs = 5 * 60 * 1000;
        public const int SegmentBytes = 4096;
        public const int MaxSegments = 16;

        private readonly IFlashFiles _files;
        private readonly TelemetryBuffer _ram;
        private readonly WallClock _wall;
        private readonly int _boot;
        private readonly TelemetryBatch _batch = new TelemetryBatch(ChunkSamples);
        private long _lastParkMs = long.MinValue;
        private long _droppedOnFlash;
        private int _sentChunksOfOldest;
        private string _oldestInProgress;

        public TelemetrySpool(IFlashFiles files, TelemetryBuffer ram, WallClock wall, int bootNumber)
        {
            _files = files;
            _ram = ram;
            _wall = wall;
            _boot = bootNumber;
        }

        /// <summary>Samples lost on flash (full, or not datable) not yet reported to the hub.</summary>
        public long DroppedOnFlash
        {
            get { return _droppedOnFlash; }
        }

        /// <summary>Why the last flash operation failed, or null.</summary>
        public string LastProblem { get; private set; }

        /// <summary>Chunks waiting on flash (segments, really: each holds one or more chunks).</summary>
        public int SegmentCount
        {
            get { return Segments().Length; }
        }

        /// <summary>From the main loop. <paramref name="linkReady"/>: the hub link is up and announced.
        /// <paramref name="send"/> publishes one telemetry payload (false when it could not).</summary>
        public void Tick(long nowMs, bool linkReady, ITelemetrySender send)
        {
            try
            {
                if (!linkReady)
                {
                    Park(nowMs);
                }
                else
                {
                    _lastParkMs = nowMs;
                    SendOne(nowMs, send);
                }
            }
            catch (Exception e)
            {
                // Flash trouble never stops the board; the samples stay in RAM.
                _ram.Abort();
                LastProblem = e.Message;
            }
        }

        private void Park(long nowMs)
        {
            if (_lastParkMs == long.MinValue) _lastParkMs = nowMs;
            int waiting = _ram.Count;
            if (waiting == 0) return;
            if (waiting < ChunkSamples && nowMs - _lastParkMs < ParkIntervalMs) return;

            int n = _ram.TakeBatch(_batch, ChunkSamples);
            StringBuilder text = new StringBuilder();
            long wall = _wall.UtcMs;
            long wall0 = wall < 0 ? -1 : wall - nowMs;
            text.Append('#').Append(_boot.ToString()).Append(',').Append(wall0.ToString()).Append(',').Append(_batch.Dropped.ToString()).Append('\n');
            for (int i = 0; i < n; i++)
            {
                text.Append(_batch.Time(i).ToString()).Append(',').Append(_batch.Series(i)).Append(',').Append(_batch.Value(i).ToString()).Append('\n');
            }

            byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
            string segment = SegmentFor(bytes.Length);
            _files.Append(segment, bytes);
            _ram.Commit();
            _lastParkMs = nowMs;
        }

        /// <summary>The newest segment if the chunk fits, else a new one (the oldest goes when there are too many).</summary>
        private string SegmentFor(int length)
        {
            string[] segments = Segments();
            if (segments.Length > 0)
            {
                string newest = segments[segments.Length - 1];
                if (newest != _oldestInProgress && _files.Length(newest) + length <= SegmentBytes) return newest;
            }

            if (segments.Length >= MaxSegments)
            {
                string oldest = segments[0];
                _droppedOnFlash += CountSamples(FlashText.Read(_files, oldest));
                _files.Delete(oldest);
                if (oldest == _oldestInProgress) _oldestInProgress = null;
            }

            int next = segments.Length == 0 ? 1 : Number(segments[segments.Length - 1]) + 1;
            return Folder + Prefix + next.ToString("D5") + ".csv";
        }

        private void SendOne(long nowMs, ITelemetrySender send)
        {
            string[] segments = Segments();
            if (segments.Length == 0)
            {
                long lost = _droppedOnFlash;
                if (lost > 0 && send.Send(Encode(new long[0], 0, new string[0], new double[0], lost, nowMs))) _droppedOnFlash -= lost;
                return;
            }

            string oldest = segments[0];
            if (oldest != _oldestInProgress)
            {
                _oldestInProgress = oldest;
                _sentChunksOfOldest = 0;
            }

            string[] chunks = SplitChunks(FlashText.Read(_files, oldest));
            if (_sentChunksOfOldest >= chunks.Length)
            {
                _files.Delete(oldest);
                _oldestInProgress = null;
                return;
            }

            string chunk = chunks[_sentChunksOfOldest];
            long flashDrops = _droppedOnFlash;
            byte[] payload = ChunkPayload(chunk, nowMs, flashDrops);
            if (payload == null)
            {
                return; // needs the wall clock, which is not known yet: wait for SNTP or the hub
            }

            bool sent = payload.Length > 0 && send.Send(payload);
            if (sent) _droppedOnFlash -= flashDrops;
            if (payload.Length == 0 || sent)
            {
                _sentChunksOfOldest++;
                if (_sentChunksOfOldest >= chunks.Length)
                {
                    _files.Delete(oldest);
                    _oldestInProgress = null;
                }
            }
        }

        /// <summary>The telemetry payload of a chunk; an empty array when it cannot be dated (dropped and
        /// counted); null when it must wait for the wall clock.</summary>
        private byte[] ChunkPayload(string chunk, long nowMs, long flashDrops)
        {
            string[] lines = chunk.Split('\n');
            string[] head = lines[0].Substring(1).Split(',');
            int boot = int.Parse(head[0]);
            long wall0 = long.Parse(head[1]);
            long dropped = long.Parse(head[2]) + flashDrops;

            int count = 0;
            for (int i = 1; i < lines.Length; i++) if (lines[i].Length > 0) count++;
            long[] times = new long[count];
            string[] series = new string[count];
            double[] values = new double[count];
            int k = 0;
            for (int i = 1; i < lines.Length; i++)
            {
                if (lines[i].Length == 0) continue;
                string[] f = lines[i].Split(',');
                times[k] = long.Parse(f[0]);
                series[k] = f[1];
                values[k] = double.Parse(f[2]);
                k++;
            }

            long now = nowMs;
            if (boot != _boot)
            {
                long wallNow = _wall.UtcMs;
                if (wall0 < 0)
                {
                    _droppedOnFlash += count;
                    return new byte[0];
                }

                if (wallNow < 0) return null;

                // Milliseconds since the chunk's first sample: both non-negative, and now - t is the sample's age.
                long first = count > 0 ? times[0] : 0;
                for (int i = 0; i < count; i++) times[i] -= first;
                now = wallNow - (wall0 + first);
                if (count > 0 && now < times[count - 1]) now = times[count - 1];
            }

            return Encode(times, count, series, values, dropped, now);
        }

        private static byte[] Encode(long[] times, int count, string[] series, double[] values, long dropped, long now)
        {
            JsonWriter w = new JsonWriter(64 + count * 48);
            w.BeginObject().Name("samples").BeginArray();
            for (int i = 0; i < count; i++)
            {
                w.BeginObject().Property("t", times[i]).Property("s", series[i]).Property("v", values[i]).EndObject();
            }

            w.EndArray().Property("dropped", dropped).Property("now", now).EndObject();
            return w.ToUtf8();
        }

        private static string[] SplitChunks(string text)
        {
            if (text == null) return new string[0];
            int n = 0;
            for (int i = 0; i < text.Length; i++) if (text[i] == '#') n++;
            string[] chunks = new string[n];
            int start = text.IndexOf('#');
            for (int c = 0; c < n; c++)
            {
                int end = text.IndexOf('#', start + 1);
                chunks[c] = end < 0 ? text.Substring(start) : text.Substring(start, end - start);
                start = end;
            }

            return chunks;
        }

        private static long CountSamples(string text)
        {
            if (text == null) return 0;
            long n = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n' && i + 1 < text.Length && text[i + 1] != '#') n++;
            }

            return n;
        }

        /// <summary>Segment files, oldest first.</summary>
        private string[] Segments()
        {
            string[] found = _files.List(Folder, Prefix);
            for (int i = 1; i < found.Length; i++)
            {
                string key = found[i];
                int number = Number(key);
                int j = i - 1;
                while (j >= 0 && Number(found[j]) > number)
                {
                    found[j + 1] = found[j];
                    j--;
                }

                found[j + 1] = key;
            }

            return found;
        }

        private static int Number(string path)
        {
            int at = path.LastIndexOf('-');
            int dot = path.LastIndexOf('.');
            return int.Parse(path.Substring(at + 1, dot - at - 1));
        }
    }
}
