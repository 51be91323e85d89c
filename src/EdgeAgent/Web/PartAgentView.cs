namespace EdgeCc.Agent.Web;

/// <summary>An agent of another box: what its <c>floor</c> message says (state and light are lower-case words, as for local agents).</summary>
internal sealed record PartAgentView(string AgentId, string State, string Light, int ActiveAlerts);
