namespace EdgeCc.Agent.Telephony;

public sealed record CallResumed(string CallId, DateTimeOffset At, TimeSpan Offset) : CallEvent(CallId, At, Offset);
