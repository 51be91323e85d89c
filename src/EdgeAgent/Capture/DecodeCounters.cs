namespace EdgeCc.Agent.Capture;

/// <summary>Per-kind counts of decoder outcomes (single writer: the decoding thread).</summary>
internal sealed class DecodeCounters
{
    private readonly long[] _counts = new long[Enum.GetValues<DecodeResult>().Length];

    public long this[DecodeResult result] => Volatile.Read(ref _counts[(int)result]);

    public long Total
    {
        get
        {
            long sum = 0;
            for (var i = 0; i < _counts.Length; i++)
            {
                sum += Volatile.Read(ref _counts[i]);
            }

            return sum;
        }
    }

    public void Add(DecodeResult result) => _counts[(int)result]++;

    public IReadOnlyDictionary<DecodeResult, long> Snapshot()
    {
        var map = new Dictionary<DecodeResult, long>();
        foreach (var kind in Enum.GetValues<DecodeResult>())
        {
            var count = this[kind];
            if (count != 0)
            {
                map[kind] = count;
            }
        }

        return map;
    }
}
