namespace EdgeCc.Agent.Web;

/// <summary>
/// Detections per category per minute for the last hour. A minute is a spike when it has at
/// least <see cref="SpikeMinimum"/> detections and at least <see cref="SpikeFactor"/> times the
/// category's average over the hour's earlier minutes: a topic that is always busy is not a
/// spike, a topic that suddenly is, is.
/// </summary>
internal sealed class TrendBuckets
{
    public const int Minutes = 60;
    public const int SpikeMinimum = 3;
    public const double SpikeFactor = 2.0;

    private readonly Dictionary<string, Dictionary<long, int>> _counts = new(StringComparer.OrdinalIgnoreCase);

    public void Add(string category, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrEmpty(category);
        if (!_counts.TryGetValue(category, out var minutes))
        {
            minutes = [];
            _counts.Add(category, minutes);
        }

        var minute = MinuteOf(at);
        minutes[minute] = minutes.GetValueOrDefault(minute) + 1;
    }

    /// <summary>The hour ending with <paramref name="now"/>'s minute, categories in name order; older minutes are forgotten.</summary>
    public IReadOnlyList<TrendSeries> Series(DateTimeOffset now)
    {
        var last = MinuteOf(now);
        var first = last - Minutes + 1;
        var list = new List<TrendSeries>(_counts.Count);
        foreach (var (category, minutes) in _counts)
        {
            foreach (var old in minutes.Keys.Where(m => m < first).ToList())
            {
                minutes.Remove(old);
            }

            var counts = new int[Minutes];
            var total = 0;
            foreach (var (minute, count) in minutes)
            {
                if (minute <= last)
                {
                    counts[minute - first] = count;
                    total += count;
                }
            }

            if (total == 0)
            {
                continue;
            }

            list.Add(new TrendSeries(category, total, counts, MarkSpikes(counts)));
        }

        list.Sort(static (a, b) => string.CompareOrdinal(a.Category, b.Category));
        return list;
    }

    internal static bool[] MarkSpikes(int[] counts)
    {
        var spikes = new bool[counts.Length];
        long before = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            var average = i == 0 ? 0 : (double)before / i;
            spikes[i] = counts[i] >= SpikeMinimum && counts[i] >= SpikeFactor * average;
            before += counts[i];
        }

        return spikes;
    }

    private static long MinuteOf(DateTimeOffset at) => at.ToUnixTimeSeconds() / 60;
}
