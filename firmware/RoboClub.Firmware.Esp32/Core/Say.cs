namespace RoboClub.Firmware
{
    /// <summary>User-facing text is bilingual: English first (what the hub and the logs expect), then
    /// Romanian, so a librarian reading the error on the hub's boards page understands it either way.</summary>
    public static class Say
    {
        public static string Both(string english, string romanian)
        {
            return english + " / " + romanian;
        }

        /// <summary>Untrusted text quoted in a message: at most 32 characters.</summary>
        public static string Short(string text)
        {
            if (text == null) return string.Empty;
            return text.Length <= 32 ? text : text.Substring(0, 32) + "…";
        }
    }
}
