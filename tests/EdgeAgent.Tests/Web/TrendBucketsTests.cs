using EdgeCc.Agent.Web;

namespace EdgeCc.Agent.Tests.Web;

public sealed class TrendBucketsTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Counts_land_in_their_minute_oldest_first_and_the_hour_before_is_forgotten()
    {
        var trends = new TrendBuckets();
        trends.Add("churn", Noon.AddMinutes(-61));
        trends.Add("churn", Noon.AddMinutes(-2));
        trends.Add("churn", Noon.AddSeconds(30));
        trends.Add("topic", Noon.AddMinutes(-59).AddSeconds(1));

        var series = trends.Series(Noon.AddSeconds(45));

        Assert.Equal(["churn", "topic"], series.Select(s => s.Category));
        var churn = series[0];
        Assert.Equal(2, churn.Total);
        Assert.Equal(TrendBuckets.Minutes, churn.Counts.Count);
        Assert.Equal(1, churn.Counts[^1]);
        Assert.Equal(1, churn.Counts[^3]);
        Assert.Equal(1, series[1].Counts[0]);
    }

    [Fact]
    public void A_sudden_busy_minute_is_a_spike_a_steadily_busy_topic_is_not()
    {
        var quietThenBurst = new int[TrendBuckets.Minutes];
        quietThenBurst[10] = 1;
        quietThenBurst[59] = 4;
        var steady = Enumerable.Repeat(3, TrendBuckets.Minutes).ToArray();
        var small = new int[TrendBuckets.Minutes];
        small[59] = TrendBuckets.SpikeMinimum - 1;

        Assert.Equal([59], Indexes(TrendBuckets.MarkSpikes(quietThenBurst)));
        Assert.Equal([0], Indexes(TrendBuckets.MarkSpikes(steady)));
        Assert.Empty(Indexes(TrendBuckets.MarkSpikes(small)));
    }

    private static int[] Indexes(bool[] spikes) => [.. spikes.Select((s, i) => (s, i)).Where(x => x.s).Select(x => x.i)];
}
