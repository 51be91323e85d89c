namespace EdgeCc.Agent.Audio;

/// <summary>One direction of audio in a call.</summary>
public enum Leg
{
    /// <summary>What the agent says.</summary>
    Agent,

    /// <summary>What the customer says.</summary>
    Customer,
}
