namespace EdgeCc.Agent.Telephony;

internal enum CallPhase
{
    Offered,
    Early,
    Answered,
    Ended,
}
