namespace EdgeCc.Agent.Floor;

public enum AgentState
{
    Idle,
    Ringing,
    Talking,
    OnHold,
    WrapUp,
    AskingForHelp,
}
