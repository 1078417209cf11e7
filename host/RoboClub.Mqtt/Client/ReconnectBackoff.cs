namespace RoboClub.Mqtt.Client;

/// <summary>
/// Delays between reconnect attempts: doubling from the initial delay up to the maximum, each
/// drawn at random from [delay/2, delay] ("equal jitter") so that 20 boards that lost the same
/// broker do not all knock at the same instant.
/// </summary>
internal sealed class ReconnectBackoff(TimeSpan initial, TimeSpan maximum)
{
    int _attempt;

    public TimeSpan Next()
    {
        double ceiling = Math.Min(maximum.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, Math.Min(_attempt, 30)));
        _attempt++;
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }

    public void Reset() => _attempt = 0;
}
