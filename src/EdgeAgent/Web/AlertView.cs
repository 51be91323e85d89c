namespace EdgeCc.Agent.Web;

/// <summary>An alert on the wallboard and who acknowledged it.</summary>
internal sealed record AlertView(
    string AlertId,
    string AgentId,
    string? CallId,
    string Severity,
    string Text,
    DateTimeOffset RaisedAt,
    string? AcknowledgedBy = null,
    DateTimeOffset? AcknowledgedAt = null);
