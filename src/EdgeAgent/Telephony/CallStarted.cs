namespace EdgeCc.Agent.Telephony;

/// <summary>A call was offered. <paramref name="Source"/> says where it was heard (sip, headset, file).</summary>
public sealed record CallStarted(string CallId, DateTimeOffset At, string? AgentId, string Source)
    : CallEvent(CallId, At, TimeSpan.Zero);
