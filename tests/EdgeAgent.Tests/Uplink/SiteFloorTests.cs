using System.Text;
using EdgeCc.Agent.Floor;
using EdgeCc.Agent.Store;
using EdgeCc.Agent.Uplink;
using EdgeCc.Agent.Web;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCc.Agent.Tests.Uplink;

/// <summary>The wallboard host's merge of the other boxes' messages, fed the bytes the real writers produce.</summary>
public sealed class SiteFloorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 18, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(T0);

    [Fact]
    public void A_floor_from_another_box_becomes_a_live_part_with_its_agents_and_queues_and_turns_stale_with_age()
    {
        var site = Site(staleAfterSeconds: 15);
        var changes = 0;
        site.Changed += () => changes++;

        var outcome = site.Accept("edgecc/v1/hq/pi-2/floor", FloorMessage("pi-2", T0, new FloorAgent("carol", "talking", "red", 1)));

        Assert.Equal(SiteMessageOutcome.Floor, outcome);
        Assert.Equal(1, changes);
        var part = Assert.Single(site.Parts());
        Assert.Equal(("pi-2", SitePartState.Live, T0), (part.Device, part.State, part.At!.Value));
        Assert.Equal(new FloorAgent("carol", "talking", "red", 1), Assert.Single(part.Agents));
        Assert.Equal(new FloorQueue("sales", 2, TimeSpan.FromSeconds(12.5)), Assert.Single(part.Queues));

        _time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(SitePartState.Live, site.Parts()[0].State);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(SitePartState.Stale, site.Parts()[0].State);

        site.Accept("edgecc/v1/hq/pi-2/floor", FloorMessage("pi-2", _time.GetUtcNow()));
        Assert.Equal(SitePartState.Live, site.Parts()[0].State);
        Assert.Empty(site.Parts()[0].Agents);
    }

    [Fact]
    public void A_last_will_marks_the_box_offline_and_its_next_online_status_brings_it_back()
    {
        var site = Site();
        site.Accept("edgecc/v1/hq/pi-2/floor", FloorMessage("pi-2", T0, new FloorAgent("carol", "idle", "off", 0)));

        Assert.Equal(SiteMessageOutcome.Status, site.Accept("edgecc/v1/hq/pi-2/status", Envelope.Status("hq", "pi-2", false, T0, "0.1.0")));
        var part = Assert.Single(site.Parts());
        Assert.Equal(SitePartState.Offline, part.State);
        Assert.Equal("carol", Assert.Single(part.Agents).AgentId);

        site.Accept("edgecc/v1/hq/pi-2/status", Envelope.Status("hq", "pi-2", true, T0.AddMinutes(1), "0.1.0"));
        Assert.Equal(SitePartState.Live, site.Parts()[0].State);
    }

    [Fact]
    public void A_box_known_only_by_its_status_is_listed_as_stale_without_agents()
    {
        var site = Site();
        site.Accept("edgecc/v1/hq/pi-3/status", Envelope.Status("hq", "pi-3", true, T0, "0.1.0"));

        var part = Assert.Single(site.Parts());
        Assert.Equal((SitePartState.Stale, (DateTimeOffset?)null), (part.State, part.At));
        Assert.Empty(part.Agents);
    }

    [Fact]
    public void Own_messages_other_sites_and_malformed_payloads_change_nothing_and_are_counted_by_kind()
    {
        var site = Site();
        var changes = 0;
        site.Changed += () => changes++;
        var good = FloorMessage("pi-2", T0);

        Assert.Equal(SiteMessageOutcome.Own, site.Accept("edgecc/v1/hq/pi-1/floor", FloorMessage("pi-1", T0)));
        Assert.Equal(SiteMessageOutcome.WrongTopic, site.Accept("edgecc/v1/other/pi-2/floor", good));
        Assert.Equal(SiteMessageOutcome.WrongTopic, site.Accept("edgecc/v1/hq/pi-2/calls", good));
        Assert.Equal(SiteMessageOutcome.WrongTopic, site.Accept("edgecc/v1/hq/pi-2/x/floor", good));
        Assert.Equal(SiteMessageOutcome.NotJson, site.Accept("edgecc/v1/hq/pi-2/floor", "{\"schemaVersion\":1,"u8));
        Assert.Equal(SiteMessageOutcome.NotJson, site.Accept("edgecc/v1/hq/pi-2/floor", "offline"u8));
        Assert.Equal(SiteMessageOutcome.BadEnvelope, site.Accept("edgecc/v1/hq/pi-3/floor", good));
        Assert.Equal(SiteMessageOutcome.BadEnvelope, site.Accept("edgecc/v1/hq/pi-2/floor", Replace(good, "\"schemaVersion\":1", "\"schemaVersion\":2")));
        Assert.Equal(SiteMessageOutcome.BadEnvelope, site.Accept("edgecc/v1/hq/pi-2/alerts", good));
        Assert.Equal(SiteMessageOutcome.BadEnvelope, site.Accept("edgecc/v1/hq/pi-2/floor", "[1,2]"u8));
        Assert.Equal(SiteMessageOutcome.BadBody, site.Accept("edgecc/v1/hq/pi-2/floor", Replace(good, "\"waiting\":2", "\"waiting\":-2")));
        Assert.Equal(SiteMessageOutcome.BadBody, site.Accept("edgecc/v1/hq/pi-2/floor", Replace(good, "\"at\":", "\"when\":")));
        Assert.Equal(SiteMessageOutcome.BadBody, site.Accept("edgecc/v1/hq/pi-2/status", Replace(Envelope.Status("hq", "pi-2", true, T0, "1"), "\"online\"", "\"sleepy\"")));
        Assert.Equal(SiteMessageOutcome.TooLarge, site.Accept("edgecc/v1/hq/pi-2/floor", new byte[SiteFloor.MaxPayloadBytes + 1]));

        Assert.Empty(site.Parts());
        Assert.Equal(0, changes);
        Assert.Equal(4, site.Count(SiteMessageOutcome.BadEnvelope));
        Assert.Equal(3, site.Count(SiteMessageOutcome.WrongTopic));
        Assert.Equal(2, site.Count(SiteMessageOutcome.NotJson));
        Assert.Equal(3, site.Count(SiteMessageOutcome.BadBody));
    }

    [Fact]
    public void The_wallboard_host_view_shows_the_other_boxes_parts_and_their_alerts_marked_with_their_device()
    {
        var site = Site(staleAfterSeconds: 15);
        var floor = new FloorState(Options.Create(new FloorOptions { Stations = [new StationOptions { Agent = "alice" }] }), _time);
        using var feed = new WallboardFeed(floor, _time, site: site);
        site.SetConnected(true);
        site.Accept("edgecc/v1/hq/pi-2/floor", FloorMessage("pi-2", T0, new FloorAgent("carol", "talking", "green", 0)));
        site.Accept("edgecc/v1/hq/pi-3/floor", FloorMessage("pi-3", T0, new FloorAgent("dave", "idle", "off", 0)));
        site.Accept("edgecc/v1/hq/pi-3/status", Envelope.Status("hq", "pi-3", false, T0, "0.1.0"));
        site.Accept("edgecc/v1/hq/pi-2/alerts", AlertMessage("pi-2", new AlertMessage("A7", "escalation", AlertSeverity.Critical, "customer asked for a manager", T0, "carol", "c9")));
        _time.Advance(TimeSpan.FromSeconds(5));

        var view = feed.View(10, canAcknowledge: true, []);

        Assert.Equal("alice", Assert.Single(view.Agents).AgentId);
        var siteView = Assert.IsType<SiteView>(view.Site);
        Assert.Equal(("hq", "pi-1", true), (siteView.Site, siteView.Device, siteView.Connected));
        Assert.Equal(["pi-2:live:carol", "pi-3:offline:dave"], siteView.Parts.Select(p => $"{p.Device}:{p.Status}:{string.Join(',', p.Agents.Select(a => a.AgentId))}"));
        Assert.Equal(5, siteView.Parts[0].AgeSeconds);
        var alert = Assert.Single(view.Alerts);
        Assert.Equal(("pi-2", "A7", "carol", "critical"), (alert.Device, alert.AlertId, alert.AgentId, alert.Severity));
    }

    [Fact]
    public void A_box_that_is_not_the_wallboard_host_has_no_site_view()
    {
        var site = new SiteFloor(Options.Create(new UplinkOptions { Enabled = true, Site = "hq", Device = "pi-1" }), Options.Create(new SiteFloorOptions()), _time);
        using var feed = new WallboardFeed(new FloorState(), _time, site: site);

        Assert.False(site.Enabled);
        Assert.Null(feed.View(10, false, []).Site);
    }

    [Theory]
    [InlineData(5, 30, 90, true, true, null)]
    [InlineData(5, 30, 30, false, false, "SiteFloor:StaleAfterSeconds (30) must be longer than SiteFloor:RefreshSeconds (30)")]
    [InlineData(10, 5, 90, false, false, "SiteFloor:RefreshSeconds (5) is shorter than SiteFloor:MinIntervalSeconds (10)")]
    [InlineData(1, 30, 90, true, false, "SiteFloor:Wallboard is true but Uplink:Enabled is false")]
    public void Site_floor_options_are_checked_across_fields_and_against_the_uplink(int min, int refresh, int stale, bool wallboard, bool uplink, string? error)
    {
        var validator = new SiteFloorOptionsValidator(Options.Create(new UplinkOptions { Enabled = uplink }));
        var result = validator.Validate(null, new SiteFloorOptions { MinIntervalSeconds = min, RefreshSeconds = refresh, StaleAfterSeconds = stale, Wallboard = wallboard });

        if (error is null)
        {
            Assert.True(result.Succeeded, result.FailureMessage);
        }
        else
        {
            Assert.Contains(error, result.FailureMessage, StringComparison.Ordinal);
        }
    }

    private SiteFloor Site(int staleAfterSeconds = 90) => new(
        Options.Create(new UplinkOptions { Enabled = true, Site = "hq", Device = "pi-1" }),
        Options.Create(new SiteFloorOptions { Wallboard = true, StaleAfterSeconds = staleAfterSeconds }),
        _time);

    /// <summary>The bytes a box puts on the wire: payload writer, outbox row, envelope.</summary>
    private static byte[] FloorMessage(string device, DateTimeOffset at, params FloorAgent[] agents)
    {
        var body = PayloadWriter.Floor(new FloorSnapshot(at, agents, [new FloorQueue("sales", 2, TimeSpan.FromSeconds(12.5))]));
        return Envelope.Wrap("hq", device, new OutboxRow(42, OutboxTopics.Floor, body, at));
    }

    private static byte[] AlertMessage(string device, AlertMessage alert) =>
        Envelope.Wrap("hq", device, new OutboxRow(43, OutboxTopics.Alerts, PayloadWriter.Alert(alert), alert.RaisedAt));

    private static byte[] Replace(byte[] payload, string from, string to)
    {
        var text = Encoding.UTF8.GetString(payload);
        Assert.Contains(from, text, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text.Replace(from, to, StringComparison.Ordinal));
    }
}
