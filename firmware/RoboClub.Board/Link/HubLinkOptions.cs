namespace RoboClub.Board.Link
{
    /// <summary>Settings of a <see cref="HubLink"/>; defaults fit an ESP32 without PSRAM.</summary>
    public sealed class HubLinkOptions
    {
        public HubLinkOptions(string club, string board, InfoPayload info)
        {
            Club = club;
            Board = board;
            Info = info;
            TelemetryCapacity = 2000;
            MaxSeries = 32;
            BatchSize = 50;
            FlushIntervalMs = 1000;
            MaxBatchesPerTick = 4;
            ConsoleLinesPerSecond = 20;
            QueueCapacity = 16;
        }

        public string Club { get; private set; }

        public string Board { get; private set; }

        /// <summary>Published (retained) on every connect.</summary>
        public InfoPayload Info { get; private set; }

        /// <summary>Samples kept while the hub is unreachable (about 17 bytes each).</summary>
        public int TelemetryCapacity { get; set; }

        /// <summary>Distinct telemetry series names (at most 255).</summary>
        public int MaxSeries { get; set; }

        /// <summary>Samples per telemetry message; a batch is sent as soon as this many are waiting.</summary>
        public int BatchSize { get; set; }

        /// <summary>Waiting samples (fewer than a batch) are sent at least this often.</summary>
        public int FlushIntervalMs { get; set; }

        /// <summary>Catching up after an outage: at most this many batches per Tick.</summary>
        public int MaxBatchesPerTick { get; set; }

        /// <summary>Console lines beyond this per second are dropped (and counted in the next line).</summary>
        public int ConsoleLinesPerSecond { get; set; }

        /// <summary>Incoming messages waiting for the next Tick.</summary>
        public int QueueCapacity { get; set; }
    }
}
