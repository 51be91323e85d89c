namespace EdgeCc.Agent.Floor;

/// <summary>The rule that decided an agent's light.</summary>
public enum AlertRule
{
    None,
    OnCall,
    Hold,
    Silence,
    Arousal,
    Sentiment,
    Help,
    Escalation,
}
