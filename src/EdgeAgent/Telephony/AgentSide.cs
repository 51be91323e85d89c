namespace EdgeCc.Agent.Telephony;

/// <summary>Which party of a SIP call is the agent when no mapping says so.</summary>
public enum AgentSide
{
    /// <summary>The called party (an inbound call centre: customers call agents).</summary>
    Callee,

    /// <summary>The calling party (an outbound call centre).</summary>
    Caller,
}
