namespace EdgeCc.Agent.Web;

/// <summary>One tile of the agent grid. <see cref="Light"/> and <see cref="State"/> are lower-case words the page styles on.</summary>
internal sealed record AgentView(string AgentId, string State, string Light, string Reason, bool OnCall, double Sentiment, DateTimeOffset LightSince);
