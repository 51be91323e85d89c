namespace EdgeCc.Agent.Uplink;

/// <summary>One agent on a <see cref="FloorSnapshot"/>: <see cref="State"/> is e.g. idle, talking, held; <see cref="Light"/> the colour name the station shows.</summary>
internal sealed record FloorAgent(string AgentId, string State, string Light, int ActiveAlerts);
