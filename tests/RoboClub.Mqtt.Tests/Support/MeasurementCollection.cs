namespace RoboClub.Mqtt.Tests.Support;

/// <summary>Tests that measure the process (heap growth, allocations, time per input) run alone,
/// after the parallel ones: other tests in the same process would move their numbers.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasurementCollection
{
    public const string Name = "Measurements (run alone)";
}
