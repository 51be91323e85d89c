namespace EdgeCc.Agent.Telephony;

internal enum RouteResult
{
    Routed,
    Unknown,
    CallEnded,
}
