namespace EdgeCc.Agent.Web;

/// <summary>An alert on the wallboard and who acknowledged it; <see cref="Device"/> is set for another box's alert (acknowledged there, not here).</summary>
internal sealed record AlertView(
    string AlertId,
    string AgentId,
    string? CallId,
    string Severity,
    string Text,
    DateTimeOffset RaisedAt,
    string? AcknowledgedBy = null,
    DateTimeOffset? AcknowledgedAt = null,
    string? Device = null);
