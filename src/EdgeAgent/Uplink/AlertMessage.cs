namespace EdgeCc.Agent.Uplink;

/// <summary>
/// A floor alert as it is stored and sent on <c>alerts</c> (schemas/alert.schema.json).
/// Never carries a caller number: use <see cref="CallerKey"/> if a caller must be recognisable.
/// </summary>
internal sealed record AlertMessage(
    string AlertId,
    string Kind,
    AlertSeverity Severity,
    string Text,
    DateTimeOffset RaisedAt,
    string? AgentId = null,
    string? CallId = null)
{
    /// <summary>The evidence of a <c>topic-spike</c> alert (counts, window, baseline).</summary>
    public Analysis.TopicTrendAlert? Trend { get; init; }
}
