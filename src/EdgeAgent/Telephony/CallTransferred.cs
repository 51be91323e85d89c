namespace EdgeCc.Agent.Telephony;

/// <summary>The call was handed to another party (REFER, INVITE with Replaces, or a headset hand-off).</summary>
public sealed record CallTransferred(string CallId, DateTimeOffset At, TimeSpan Offset, string? Target) : CallEvent(CallId, At, Offset);
