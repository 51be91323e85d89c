using EdgeCc.Agent.Store;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCc.Agent.Tests.Store;

public sealed class StoreRecordsTests : IDisposable
{
    private readonly TempStore _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.Zero));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Alerts_and_metrics_round_trip_and_queue_their_outbox_rows_in_order()
    {
        using var db = new EdgeDatabase(_dir.Options, _time);
        var alerts = new AlertStore(db, _time);
        var metrics = new MetricsStore(db, _time);
        var alert = RetentionTests.Alert(1);
        var snapshot = RetentionTests.Metrics(1, 3);
        alerts.Add(alert);
        metrics.Add(snapshot);
        alerts.Add(alert with { AlertId = "a-2", AgentId = null, CallId = null });

        Assert.Equal(alert, alerts.List()[1]);
        Assert.Null(alerts.List()[0].AgentId);
        var stored = metrics.List().Single();
        Assert.Equal(snapshot.At, stored.At);
        Assert.Equal(snapshot.Values.OrderBy(p => p.Key), stored.Values.OrderBy(p => p.Key));
        Assert.Equal(["alerts", "metrics", "alerts"], new Outbox(db, _time).Peek(10).Select(r => r.Topic));
    }

    [Fact]
    public void Floor_rows_are_replaced_so_only_the_newest_undelivered_state_waits()
    {
        using var db = new EdgeDatabase(_dir.Options, _time);
        var outbox = new Outbox(db, _time);
        outbox.Enqueue(OutboxTopics.Calls, "{\"n\":1}"u8.ToArray());
        outbox.ReplaceLatest(OutboxTopics.Floor, "{\"f\":1}"u8.ToArray());
        outbox.ReplaceLatest(OutboxTopics.Floor, "{\"f\":2}"u8.ToArray());

        var rows = outbox.Peek(10);
        Assert.Equal([1L, 3L], rows.Select(r => r.Sequence));
        Assert.Equal("{\"f\":2}"u8.ToArray(), rows[1].Payload.ToArray());
    }

    [Fact]
    public void Rollback_restores_the_previous_good_config_and_a_second_rollback_goes_further_back()
    {
        using var db = new EdgeDatabase(_dir.Options, _time);
        var history = new ConfigHistory(db, _time);
        history.Record("v1", ConfigStatus.Accepted, "{\"a\":1}", []);
        history.Record("v2", ConfigStatus.Accepted, "{\"a\":2}", []);
        history.Record("v3", ConfigStatus.Rejected, "{", ["bad json"]);
        history.Record("v4", ConfigStatus.Accepted, "{\"a\":4}", []);

        Assert.Equal("v2", history.Rollback()!.Version);
        Assert.Equal("v2", history.Active()!.Version);
        Assert.Equal(ConfigStatus.Restored, history.Active()!.Status);
        Assert.Equal("v1", history.Rollback()!.Version);
        Assert.Null(history.Rollback());
        Assert.Equal("v1", history.Active()!.Version);
        Assert.Equal("{\"a\":1}", history.Active()!.Json);
    }

    [Fact]
    public void Config_record_can_queue_its_ack_in_the_same_transaction()
    {
        using var db = new EdgeDatabase(_dir.Options, _time);
        var history = new ConfigHistory(db, _time);
        history.Record("v9", ConfigStatus.Rejected, "{", ["bad"], "{\"ack\":1}"u8.ToArray());
        var row = new Outbox(db, _time).Peek(1).Single();
        Assert.Equal(OutboxTopics.ConfigAck, row.Topic);
    }
}
