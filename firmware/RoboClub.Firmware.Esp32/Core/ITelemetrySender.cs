namespace RoboClub.Firmware
{
    /// <summary>Publishes one telemetry payload on the board's telemetry topic (QoS 1); false when it could not.</summary>
    public interface ITelemetrySender
    {
        bool Send(byte[] payload);
    }
}
