namespace EdgeCc.Agent.Telephony;

/// <summary>Counts of <see cref="TelephonyIssue"/> by kind; written by the capture thread, read by anyone.</summary>
internal sealed class TelephonyCounters
{
    private readonly long[] _counts = new long[Enum.GetValues<TelephonyIssue>().Length];

    public long this[TelephonyIssue issue] => Volatile.Read(ref _counts[(int)issue]);

    /// <summary>Counts one occurrence; true the first time this kind is seen (so it is logged once).</summary>
    public bool Add(TelephonyIssue issue) => ++_counts[(int)issue] == 1;

    public IReadOnlyDictionary<TelephonyIssue, long> Snapshot()
    {
        var map = new Dictionary<TelephonyIssue, long>();
        foreach (var kind in Enum.GetValues<TelephonyIssue>())
        {
            var count = this[kind];
            if (count != 0)
            {
                map[kind] = count;
            }
        }

        return map;
    }

    public static TelephonyIssue? FromSip(SipParseResult result) => result switch
    {
        SipParseResult.NotSip => TelephonyIssue.SipNotSip,
        SipParseResult.BadStartLine => TelephonyIssue.SipBadStartLine,
        SipParseResult.BadHeader => TelephonyIssue.SipBadHeader,
        SipParseResult.MissingRequiredHeader => TelephonyIssue.SipMissingRequiredHeader,
        SipParseResult.BadContentLength => TelephonyIssue.SipBadContentLength,
        SipParseResult.BodyShorterThanContentLength => TelephonyIssue.SipBodyShorterThanContentLength,
        SipParseResult.TooLarge => TelephonyIssue.SipTooLarge,
        _ => null,
    };
}
