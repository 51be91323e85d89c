namespace EdgeCc.Agent.Telephony;

internal enum JitterPushResult
{
    Accepted,
    Duplicate,
    Late,
    OutOfWindow,
}
