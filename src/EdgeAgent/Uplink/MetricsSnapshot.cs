namespace EdgeCc.Agent.Uplink;

/// <summary>Periodic floor and pipeline metrics sent on <c>metrics</c> (schemas/metrics.schema.json), e.g. <c>calls.active</c>, <c>channel.rtp.dropped</c>.</summary>
internal sealed record MetricsSnapshot(DateTimeOffset At, IReadOnlyDictionary<string, double> Values);
