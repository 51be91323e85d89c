namespace EdgeCc.Agent.Telephony;

/// <summary>
/// The call is over. <paramref name="Reason"/> is short and machine-readable: bye, cancel, timeout, end-of-file, unplugged.
/// <see cref="Streams"/> is the quality of the call's RTP streams, when it was heard on the network.
/// </summary>
public sealed record CallEnded(string CallId, DateTimeOffset At, TimeSpan Offset, string Reason) : CallEvent(CallId, At, Offset)
{
    public IReadOnlyList<StreamReport> Streams { get; init; } = [];
}
