namespace EdgeCc.Agent.Hosting;

/// <summary>A stage channel's counters at one moment, as the watchdog and the metrics see them.</summary>
public sealed record StageSnapshot(string Name, OverflowPolicy Policy, int Capacity, int Depth, long Written, long Read, long Dropped);
