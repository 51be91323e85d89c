namespace EdgeCc.Agent.Telephony;

public sealed record CallAnswered(string CallId, DateTimeOffset At, TimeSpan Offset) : CallEvent(CallId, At, Offset);
