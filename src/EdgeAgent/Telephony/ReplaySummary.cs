using EdgeCc.Agent.Capture;

namespace EdgeCc.Agent.Telephony;

/// <summary>What one replay of a capture file saw, for the <c>replay</c> verb to print.</summary>
internal sealed record ReplaySummary(
    long Frames,
    long Calls,
    long SipMessages,
    long RtpPackets,
    long RtcpPackets,
    IReadOnlyDictionary<DecodeResult, long> DecodeResults,
    IReadOnlyDictionary<TelephonyIssue, long> Issues,
    IReadOnlyList<StreamReport> Streams);
