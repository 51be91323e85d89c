using System.Text.Json;
using EdgeCc.Agent.Floor;
using EdgeCc.Agent.Store;
using EdgeCc.Agent.Telephony;
using EdgeCc.Agent.Tests.Store;
using EdgeCc.Agent.Uplink;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCc.Agent.Tests.Uplink;

/// <summary>The floor and metrics producers against a real store, a real floor and the committed schemas.</summary>
public sealed class SitePublishersTests : IDisposable
{
    private readonly TempStore _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.Zero));
    private readonly EdgeDatabase _db;
    private readonly Outbox _outbox;
    private readonly FloorState _floor;
    private readonly QueueBoard _queues;

    public SitePublishersTests()
    {
        _db = new EdgeDatabase(_dir.Options, _time);
        _outbox = new Outbox(_db, _time);
        var floor = Options.Create(new FloorOptions
        {
            Stations = [new StationOptions { Agent = "alice", Pixel = 0 }, new StationOptions { Agent = "bob", Pixel = 1 }],
            Queues = [new QueueOptions { Name = "sales" }],
        });
        _floor = new FloorState(floor, _time);
        _queues = new QueueBoard(floor, _time);
    }

    public void Dispose()
    {
        _db.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void Floor_publisher_sends_a_change_once_and_refreshes_an_unchanged_floor_only_when_due()
    {
        var publisher = Publisher(new SiteFloorOptions { MinIntervalSeconds = 1, RefreshSeconds = 30, StaleAfterSeconds = 90 });

        Assert.True(publisher.PublishIfDue());
        Assert.False(publisher.PublishIfDue());

        _floor.Apply(new CallStarted("c1", _time.GetUtcNow(), "alice", "sip"));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(publisher.PublishIfDue());

        // A change that shows nothing new (the same call answered again) waits for the refresh.
        _floor.Apply(new CallAnswered("c1", _time.GetUtcNow(), TimeSpan.FromSeconds(1)));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(publisher.PublishIfDue());

        _queues.CallerJoined("sales", "u1");
        _time.Advance(TimeSpan.FromSeconds(28.5));
        Assert.True(publisher.PublishIfDue());
        Assert.Equal(3, publisher.Published);
        Assert.False(publisher.PublishIfDue());
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(publisher.PublishIfDue());

        // Retained latest-only: the outbox holds one floor row, the newest.
        var rows = _outbox.Peek(100);
        var row = Assert.Single(rows);
        Assert.Equal(OutboxTopics.Floor, row.Topic);
        using var body = JsonDocument.Parse(row.Payload);
        var agents = body.RootElement.GetProperty("agents").EnumerateArray().ToDictionary(a => a.GetProperty("agentId").GetString()!);
        Assert.Equal("talking", agents["alice"].GetProperty("state").GetString());
        Assert.Equal("green", agents["alice"].GetProperty("light").GetString());
        Assert.Equal("idle", agents["bob"].GetProperty("state").GetString());
        Assert.Equal("off", agents["bob"].GetProperty("light").GetString());
        var queue = Assert.Single(body.RootElement.GetProperty("queues").EnumerateArray());
        Assert.Equal("sales", queue.GetProperty("queueId").GetString());
        Assert.Equal(1, queue.GetProperty("waiting").GetInt32());
        Assert.Equal(58.5, queue.GetProperty("longestWaitSeconds").GetDouble());
        Assert.Equal(_time.GetUtcNow(), body.RootElement.GetProperty("at").GetDateTimeOffset());
    }

    [Fact]
    public void A_red_light_or_a_help_request_counts_as_an_active_alert_on_the_floor_message()
    {
        var publisher = Publisher(new SiteFloorOptions());
        _floor.Apply(new CallStarted("c1", _time.GetUtcNow(), "alice", "sip"));
        _floor.Apply(new EdgeCc.Agent.Analysis.Detection("c1", EdgeCc.Agent.Audio.Leg.Customer, "speak to a manager", "escalation", -0.8, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4), 0.9));
        _floor.PressHelp("bob");

        var agents = publisher.Snapshot().Agents.ToDictionary(a => a.AgentId);

        Assert.Equal(new FloorAgent("alice", "talking", "red", 1), agents["alice"]);
        Assert.Equal(new FloorAgent("bob", "askingforhelp", "blue", 1), agents["bob"]);
    }

    [Fact]
    public void Metrics_publisher_stores_a_snapshot_of_floor_queues_and_outbox_and_queues_it()
    {
        var store = new MetricsStore(_db, _time);
        var publisher = new MetricsPublisher(store, _outbox, Uplink(), Options.Create(new SiteFloorOptions()), _time, NullLogger<MetricsPublisher>.Instance, _floor, _queues);
        _floor.Apply(new CallStarted("c1", _time.GetUtcNow(), "alice", "sip"));
        _queues.CallerJoined("Sales Team/EU", "u1");

        var snapshot = publisher.Take();

        Assert.Equal(1, snapshot.Values["calls.active"]);
        Assert.Equal(2, snapshot.Values["agents.total"]);
        Assert.Equal(1, snapshot.Values["agents.light.green"]);
        Assert.Equal(1, snapshot.Values["agents.state.idle"]);
        Assert.Equal(1, snapshot.Values["queue.sales_team_eu.waiting"]);
        Assert.Equal(0, snapshot.Values["outbox.rows"]);
        Assert.Equal(1, store.Count);
        Assert.Equal(OutboxTopics.Metrics, Assert.Single(_outbox.Peek(10)).Topic);
    }

    [Fact]
    public async Task Floor_and_metrics_made_from_a_real_floor_match_their_committed_schemas()
    {
        var floorPublisher = Publisher(new SiteFloorOptions());
        var metrics = new MetricsPublisher(new MetricsStore(_db, _time), _outbox, Uplink(), Options.Create(new SiteFloorOptions()), _time, NullLogger<MetricsPublisher>.Instance, _floor, _queues);
        _floor.Apply(new CallStarted("c1", _time.GetUtcNow(), "alice", "sip"));
        _floor.Apply(new CallHeld("c1", _time.GetUtcNow(), TimeSpan.FromSeconds(2)));
        _queues.CallerJoined("sales", "u1");
        _time.Advance(TimeSpan.FromSeconds(12.3456));
        floorPublisher.PublishIfDue();
        metrics.Take();

        var files = new Dictionary<string, List<string>>();
        foreach (var row in _outbox.Peek(10))
        {
            var schema = row.Topic == OutboxTopics.Floor ? "floor.schema.json" : "metrics.schema.json";
            var path = Path.Combine(_dir.Directory, "payloads", row.Topic + "-" + row.Sequence + ".json");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, Envelope.Wrap("hq", "pi-7", row));
            (files.TryGetValue(schema, out var list) ? list : files[schema] = []).Add(path);
        }

        Assert.Equal(2, files.Count);
        foreach (var (schema, paths) in files)
        {
            var (exit, output) = await PayloadSchemaTests.ValidateAsync(schema, paths);
            Assert.True(exit == 0, $"{schema}:\n{output}");
        }
    }

    [Fact]
    public async Task A_red_light_alert_on_the_wallboard_is_stored_and_queued_under_the_id_the_wallboard_shows()
    {
        var alerts = new AlertStore(_db, _time);
        using var feed = new EdgeCc.Agent.Web.WallboardFeed(_floor, _time);
        var trends = new EdgeCc.Agent.Analysis.TopicTrendDetector(new EdgeCc.Agent.Analysis.TopicTrendOptions(), _time);
        using var recorder = new EdgeCc.Agent.Floor.AlertRecorder(_floor, trends, alerts, _time, NullLogger<EdgeCc.Agent.Floor.AlertRecorder>.Instance);
        await recorder.StartAsync(CancellationToken.None);
        _floor.Apply(new CallStarted("c1", _time.GetUtcNow(), "alice", "sip"));
        _floor.Apply(new EdgeCc.Agent.Analysis.Detection("c1", EdgeCc.Agent.Audio.Leg.Customer, "speak to a manager", "escalation", -0.8, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4), 0.9));
        await recorder.StopAsync(CancellationToken.None);

        Assert.Equal(1, _outbox.Peek(10).Count(r => r.Topic == OutboxTopics.Alerts));
        var stored = Assert.Single(alerts.List());
        var shown = Assert.Single(feed.View(10, false, []).Alerts);
        Assert.Equal((shown.AlertId, "escalation", AlertSeverity.Critical, "alice", "c1"), (stored.AlertId, stored.Kind, stored.Severity, stored.AgentId, stored.CallId));
        Assert.Equal(shown.Text, stored.Text);
    }

    private FloorPublisher Publisher(SiteFloorOptions options) =>
        new(_outbox, Uplink(), Options.Create(options), _time, NullLogger<FloorPublisher>.Instance, _floor, _queues);

    private static IOptions<UplinkOptions> Uplink() => Options.Create(new UplinkOptions { Enabled = true, Site = "hq", Device = "pi-7" });
}
