namespace EdgeCc.Agent.Floor;

/// <summary>One agent as the floor sees them: state, light, and why the light is that colour.</summary>
public sealed record AgentStatus(string AgentId, AgentState State, LightColour Light, string Reason, string? CallId, double Sentiment);
