using EdgeCc.Agent.Store;
using EdgeCc.Agent.Uplink;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCc.Agent.Tests.Store;

public sealed class RetentionTests : IDisposable
{
    private readonly TempStore _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.Zero));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Age_limits_evict_old_metrics_alerts_and_summaries_and_count_them()
    {
        _dir.Options.MetricsMaxAge = TimeSpan.FromDays(1);
        _dir.Options.AlertsMaxAge = TimeSpan.FromDays(2);
        _dir.Options.SummariesMaxAge = TimeSpan.FromDays(3);
        using var db = new EdgeDatabase(_dir.Options, _time);
        var summaries = new SummaryStore(db, _time);
        var alerts = new AlertStore(db, _time);
        var metrics = new MetricsStore(db, _time);
        summaries.Add(TempStore.Summary(1));
        alerts.Add(Alert(1));
        metrics.Add(Metrics(1, 10));

        _time.Advance(TimeSpan.FromDays(1.5));
        summaries.Add(TempStore.Summary(2));
        alerts.Add(Alert(2));
        metrics.Add(Metrics(2, 10));
        var retention = new Retention(db, _dir.Options, _time);

        var result = retention.Run();

        Assert.Equal(1, result.Evicted[StoreCollections.Metrics]);
        Assert.Equal(1, result.Evicted["outbox:metrics"]);
        Assert.False(result.Evicted.ContainsKey(StoreCollections.Alerts));
        Assert.Equal(1, metrics.Count);
        Assert.Equal(2, alerts.Count);
        Assert.Equal(2, summaries.Count);

        _time.Advance(TimeSpan.FromDays(1));
        result = retention.Run();
        Assert.Equal(1, result.Evicted[StoreCollections.Alerts]);
        Assert.Equal(1, alerts.Count);
        Assert.Equal(2, summaries.Count);
        Assert.Equal("a-2", alerts.List()[0].AlertId);
        Assert.Equal(3, retention.Evicted);
    }

    [Fact]
    public void Over_the_size_bound_metrics_go_first_and_summaries_stay_while_that_is_enough()
    {
        _dir.Options.MaxFileBytes = 1024 * 1024;
        using var db = new EdgeDatabase(_dir.Options, _time);
        var summaries = new SummaryStore(db, _time);
        var metrics = new MetricsStore(db, _time);
        var outbox = new Outbox(db, _time);
        for (var i = 0; i < 40; i++)
        {
            summaries.Add(TempStore.Summary(i));
        }

        for (var i = 0; i < 40; i++)
        {
            metrics.Add(Metrics(i, 1000));
        }

        db.Checkpoint();
        Assert.True(db.FileBytes > _dir.Options.MaxFileBytes, $"test setup: {db.FileBytes} bytes is not over the bound");
        var retention = new Retention(db, _dir.Options, _time);

        var result = retention.Run();

        Assert.True(db.FileBytes <= _dir.Options.MaxFileBytes, $"{db.FileBytes} bytes after retention");
        Assert.True(result.Evicted[StoreCollections.Metrics] > 0);
        Assert.Equal(40, summaries.Count);
        Assert.Equal(40, outbox.Peek(1000).Count(r => r.Topic == OutboxTopics.Calls));
        Assert.False(result.Evicted.ContainsKey(StoreCollections.Summaries));
        Assert.Equal(result.Total, retention.Evicted);
    }

    [Fact]
    public void Over_the_size_bound_acknowledged_outbox_rows_go_before_anything_is_evicted()
    {
        _dir.Options.MaxFileBytes = 1024 * 1024;
        using var db = new EdgeDatabase(_dir.Options, _time);
        var summaries = new SummaryStore(db, _time);
        var outbox = new Outbox(db, _time);
        for (var i = 0; i < 40; i++)
        {
            summaries.Add(TempStore.Summary(i));
        }

        // The broker acknowledged the first 30; the uplink has not purged them yet.
        outbox.AcknowledgeThrough(30);
        for (var i = 0; i < 300; i++)
        {
            outbox.Enqueue(OutboxTopics.Metrics, new byte[4000]);
        }

        db.Checkpoint();
        Assert.True(db.FileBytes > _dir.Options.MaxFileBytes, $"test setup: {db.FileBytes} bytes is not over the bound");

        var result = new Retention(db, _dir.Options, _time).Run();

        Assert.Equal(10, db.Collection(StoreCollections.Outbox).Count(LiteDB.Query.EQ("topic", OutboxTopics.Calls)));
        Assert.Equal(10, outbox.Peek(1000).Count(r => r.Topic == OutboxTopics.Calls));
        Assert.False(result.Evicted.ContainsKey("outbox:" + OutboxTopics.Calls));
        Assert.Equal(40, summaries.Count);
    }

    [Fact]
    public void Config_history_is_trimmed_but_the_configuration_in_force_is_kept()
    {
        _dir.Options.ConfigHistoryMaxEntries = 3;
        using var db = new EdgeDatabase(_dir.Options, _time);
        var history = new ConfigHistory(db, _time);
        history.Record("v1", ConfigStatus.Accepted, "{}", []);
        for (var i = 0; i < 5; i++)
        {
            history.Record("bad" + i, ConfigStatus.Rejected, "{", ["Floor:Stations is not an array"]);
        }

        new Retention(db, _dir.Options, _time).Run();

        var left = history.List();
        Assert.Equal(["bad4", "bad3", "bad2", "v1"], left.Select(r => r.Version));
        Assert.Equal("v1", history.Active()!.Version);
    }

    internal static AlertMessage Alert(int n) =>
        new("a-" + n, "escalation", AlertSeverity.Warning, "Customer asked for a supervisor", new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(1)), "agent-1", "call-" + n);

    internal static MetricsSnapshot Metrics(int n, int values)
    {
        var d = new Dictionary<string, double>();
        for (var i = 0; i < values; i++)
        {
            d["channel.stage" + i + ".depth"] = n + i;
        }

        return new MetricsSnapshot(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero).AddMinutes(n), d);
    }
}
