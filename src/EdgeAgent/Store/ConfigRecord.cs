namespace EdgeCc.Agent.Store;

/// <summary>One entry of the configuration history: what arrived, what became of it, and why.</summary>
internal sealed record ConfigRecord(long Id, string Version, ConfigStatus Status, string Json, IReadOnlyList<string> Errors, DateTimeOffset At);
