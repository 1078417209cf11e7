namespace RoboClub.Board.Link
{
    /// <summary>
    /// What the hub asks of the board, implemented by the runtime. <see cref="HubLink"/> calls these
    /// only from <see cref="HubLink.Tick"/> (the board's main loop), never from the transport's thread.
    /// Methods returning a string return null when the command was carried out (or started), or a short
    /// reason for refusing it ("no program loaded"); the reason goes back to the hub in the ack.
    /// An exception thrown here is caught, counted and reported as a refusal.
    /// </summary>
    public interface IBoardCommands
    {
        /// <summary>A new program image (not the one the board already has, by hash). An empty array
        /// means "no program". The runtime stops the old program, stores the image (to run it after a
        /// reboot without the hub) and loads it.</summary>
        string OnProgram(byte[] image);

        /// <summary>Start (or restart) the loaded program.</summary>
        string OnRun();

        /// <summary>Stop the program and this board's outputs (motors off).</summary>
        string OnStop();

        /// <summary>Emergency stop from the hub or the club-wide topic: stop everything at once.</summary>
        string OnStopAll();

        /// <summary>Run one script once, now (the editor's "click a block"): <paramref name="script"/> is its
        /// index in the loaded program, or -1 with <paramref name="image"/> a small image holding it.</summary>
        string OnEval(int script, byte[] image);

        /// <summary>Set a global variable, by index (<paramref name="name"/> null) or by name (<paramref name="variable"/> -1).</summary>
        string OnSet(int variable, string name, LinkValue value);

        /// <summary>Blink the LED (and beep) so the children find this board.</summary>
        string OnIdentify();

        /// <summary>Start (on, every periodMs) or stop sending variable values with <see cref="HubLink.PublishWatch"/>.
        /// The link also calls OnWatch(false, 0) when the link goes down (the editor's session is gone).</summary>
        string OnWatch(bool on, int periodMs);

        /// <summary>Another board broadcast a message (fromBoard null when the hub did not say who).</summary>
        void OnBroadcast(string name, string fromBoard);

        /// <summary>The board's config (retained; an empty object when the hub deleted it).</summary>
        void OnConfig(JsonNode config);
    }
}
