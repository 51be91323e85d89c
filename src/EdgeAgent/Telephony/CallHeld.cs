namespace EdgeCc.Agent.Telephony;

public sealed record CallHeld(string CallId, DateTimeOffset At, TimeSpan Offset) : CallEvent(CallId, At, Offset);
