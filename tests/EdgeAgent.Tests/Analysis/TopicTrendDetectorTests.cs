using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Audio;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCc.Agent.Tests.Analysis;

public sealed class TopicTrendDetectorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));

    private static TimeSpan M(double minutes) => TimeSpan.FromMinutes(minutes);

    [Fact]
    public void A_burst_over_a_steady_baseline_raises_an_alert_with_its_evidence()
    {
        var detector = new TopicTrendDetector(new TopicTrendOptions(), _time);
        var quiet = Steady(detector, "outage", every: M(10), duration: TimeSpan.FromHours(4.5));
        Assert.Empty(quiet);

        var alerts = new List<TopicTrendAlert>();
        for (var i = 0; i < 8; i++)
        {
            _time.Advance(M(1));
            if (detector.Record("outage") is { } alert)
            {
                alerts.Add(alert);
            }
        }

        var spike = Assert.Single(alerts);
        Assert.Equal("outage", spike.Category);
        Assert.Equal(M(15), spike.Window);
        Assert.Equal(TimeSpan.FromHours(4), spike.BaselinePeriod);
        Assert.Equal(1.5, spike.BaselinePerWindow, 1);   // one every 10 min = 1.5 per 15 min
        Assert.True(spike.WindowCount >= 5);
        Assert.True(spike.Ratio >= 3);
        Assert.InRange(spike.At, _time.GetUtcNow() - M(7), _time.GetUtcNow());
        Assert.InRange(spike.BaselineCount, 22, 26);
    }

    [Fact]
    public void A_steady_rate_never_alerts_even_when_it_is_high()
    {
        var detector = new TopicTrendDetector(new TopicTrendOptions(), _time);

        var alerts = Steady(detector, "billing", every: M(1), duration: TimeSpan.FromHours(8));

        Assert.Empty(alerts);
        Assert.Equal(15, detector.WindowCount("billing"));
    }

    [Fact]
    public void A_new_topic_needs_the_minimum_count()
    {
        var detector = new TopicTrendDetector(new TopicTrendOptions(), _time);
        _time.Advance(TimeSpan.FromHours(2));

        for (var i = 0; i < 4; i++)
        {
            _time.Advance(M(1));
            Assert.Null(detector.Record("recall"));
        }

        _time.Advance(M(1));
        var alert = detector.Record("recall");

        Assert.NotNull(alert);
        Assert.Equal(5, alert.WindowCount);
        Assert.Equal(0, alert.BaselineCount);
        Assert.Equal(1, alert.BaselinePerWindow);
        Assert.Equal(5, alert.Ratio);
    }

    [Fact]
    public void Nothing_alerts_before_enough_baseline_has_been_seen()
    {
        var detector = new TopicTrendDetector(new TopicTrendOptions(), _time);

        for (var i = 0; i < 30; i++)
        {
            _time.Advance(M(1));
            Assert.Null(detector.Record("outage"));
        }
    }

    [Fact]
    public void A_category_does_not_alert_again_during_the_cooldown_but_does_after_it()
    {
        var detector = new TopicTrendDetector(new TopicTrendOptions { Cooldown = M(30) }, _time);
        _time.Advance(TimeSpan.FromHours(2));

        var alerts = new List<TopicTrendAlert>();
        for (var i = 0; i < 60; i++)
        {
            _time.Advance(M(1));
            for (var k = 0; k < 3; k++)
            {
                if (detector.Record("outage") is { } alert)
                {
                    alerts.Add(alert);
                }
            }
        }

        // 60 minutes of a storm: the first alert, then one more after 30 min (the storm is now
        // part of the baseline, but the window still is far above the hours of quiet before).
        Assert.Equal(2, alerts.Count);
        Assert.Equal(M(30), alerts[1].At - alerts[0].At);
    }

    [Fact]
    public void Only_configured_categories_are_counted_without_regard_to_case()
    {
        var detector = new TopicTrendDetector(new TopicTrendOptions { Categories = ["Outage"] }, _time);

        detector.Record("outage");
        detector.Record("OUTAGE");
        detector.Record(new Detection("c1", Leg.Customer, "the internet is down", "outage", 0, TimeSpan.Zero, TimeSpan.FromSeconds(1), 0.8));
        detector.Record("courtesy");

        Assert.Equal(3, detector.WindowCount("Outage"));
        Assert.Equal(0, detector.WindowCount("courtesy"));
        Assert.Equal(1, detector.Ignored);
    }

    [Fact]
    public void Counts_leave_the_window_as_time_passes_even_across_a_long_gap()
    {
        var detector = new TopicTrendDetector(new TopicTrendOptions(), _time);
        for (var i = 0; i < 6; i++)
        {
            detector.Record("outage");
        }

        _time.Advance(M(14));
        Assert.Equal(6, detector.WindowCount("outage"));
        _time.Advance(M(1));
        Assert.Equal(0, detector.WindowCount("outage"));

        _time.Advance(TimeSpan.FromDays(3));
        detector.Record("outage");
        Assert.Equal(1, detector.WindowCount("outage"));
        Assert.Empty(detector.Evaluate());
    }

    [Fact]
    public void Evaluate_reports_a_spike_that_a_timer_checks()
    {
        var detector = new TopicTrendDetector(new TopicTrendOptions { MinCount = 3, SpikeFactor = 2 }, _time);
        _time.Advance(TimeSpan.FromHours(2));
        var fromRecord = new List<TopicTrendAlert?>();
        for (var i = 0; i < 3; i++)
        {
            fromRecord.Add(detector.Record("churn"));
        }

        Assert.NotNull(fromRecord[2]);
        Assert.Empty(detector.Evaluate()); // in cooldown now
    }

    [Fact]
    public void Inconsistent_windows_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new TopicTrendDetector(new TopicTrendOptions { Window = TimeSpan.FromHours(5) }, _time));
    }

    private List<TopicTrendAlert> Steady(TopicTrendDetector detector, string category, TimeSpan every, TimeSpan duration)
    {
        var alerts = new List<TopicTrendAlert>();
        for (var t = TimeSpan.Zero; t < duration; t += every)
        {
            _time.Advance(every);
            if (detector.Record(category) is { } alert)
            {
                alerts.Add(alert);
            }
        }

        return alerts;
    }
}
