namespace EdgeCc.Agent.Floor;

/// <summary>One agent as the floor sees them: state, light, and why the light is that colour.</summary>
public sealed record AgentStatus(string AgentId, AgentState State, LightColour Light, string Reason, string? CallId, double Sentiment)
{
    /// <summary>The light flashes (an escalation nobody has acknowledged yet).</summary>
    public bool Flashing { get; init; }

    /// <summary>The rule that chose <see cref="AgentStatus.Light"/>.</summary>
    public AlertRule Rule { get; init; }

    /// <summary>Who acknowledged the call's escalation, if anyone did.</summary>
    public string? AcknowledgedBy { get; init; }

    /// <summary>When the light took its current colour.</summary>
    public DateTimeOffset Since { get; init; }
}
