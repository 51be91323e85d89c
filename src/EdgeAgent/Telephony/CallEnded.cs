namespace EdgeCc.Agent.Telephony;

/// <summary>The call is over. <paramref name="Reason"/> is short and machine-readable: bye, cancel, timeout, end-of-file, unplugged.</summary>
public sealed record CallEnded(string CallId, DateTimeOffset At, TimeSpan Offset, string Reason) : CallEvent(CallId, At, Offset);
