namespace EdgeCc.Agent.Web;

/// <summary>The body of <c>POST /api/alerts/{id}/acknowledge</c>.</summary>
internal sealed record AcknowledgeRequest(string? Pin, string? By);
