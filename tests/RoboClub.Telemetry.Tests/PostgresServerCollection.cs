namespace RoboClub.Telemetry.Tests;

/// <summary>Every Postgres test class joins this collection, so they share one server (and run one at a time).</summary>
[CollectionDefinition(PostgresServer.Collection)]
public sealed class PostgresServerCollection : ICollectionFixture<PostgresServer>;
