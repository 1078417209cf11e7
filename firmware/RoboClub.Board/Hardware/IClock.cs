namespace RoboClub.Board.Hardware
{
    /// <summary>Monotonic time since the board started. The virtual board's clock can run faster than
    /// real time (tests); the ESP32's is the system tick.</summary>
    public interface IClock
    {
        long Milliseconds { get; }
    }
}
