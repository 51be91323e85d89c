using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Audio;
using EdgeCc.Agent.Floor;
using EdgeCc.Agent.Telephony;
using EdgeCc.Agent.Web;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCc.Agent.Tests.Web;

public sealed class WallboardFeedTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly FloorState _floor = new();

    [Fact]
    public void A_light_turning_red_raises_one_alert_until_it_is_red_again_after_the_call()
    {
        using var feed = new WallboardFeed(_floor, _time);

        _floor.Apply(new CallStarted("c1", _time.GetUtcNow(), "1001", "test"));
        Heard("c1", "this is ridiculous", "escalation");
        Heard("c1", "cancel my account", "churn");
        _floor.Apply(new CallEnded("c1", _time.GetUtcNow(), TimeSpan.FromSeconds(9), "hangup"));
        _floor.Apply(new CallStarted("c2", _time.GetUtcNow(), "1001", "test"));
        Heard("c2", "what the hell", "profanity");

        var view = feed.View(10, canAcknowledge: true, []);
        Assert.Equal(2, feed.AlertsRaised);
        Assert.Equal(["c2", "c1"], view.Alerts.Select(a => a.CallId));
        Assert.Equal(2, view.Alerts.Select(a => a.AlertId).Distinct().Count());
        Assert.All(view.Alerts, a => Assert.Equal("1001", a.AgentId));
        Assert.Equal(new Dictionary<string, long> { ["churn"] = 1, ["escalation"] = 1, ["profanity"] = 1 }, feed.DetectionsByCategory());
        Assert.Equal("red", Assert.Single(view.Agents).Light);
    }

    [Fact]
    public void Acknowledge_marks_the_alert_once_and_adds_a_feed_line()
    {
        using var feed = new WallboardFeed(_floor, _time);
        _floor.Apply(new CallStarted("c1", _time.GetUtcNow(), "1001", "test"));
        Heard("c1", "speak to a manager", "escalation");
        var id = Assert.Single(feed.View(10, canAcknowledge: true, []).Alerts).AlertId;
        var changed = feed.WhenChanged;

        var first = feed.Acknowledge(id, "Sam");
        var second = feed.Acknowledge(id, "Kim");

        Assert.True(changed.IsCompleted);
        Assert.Equal("Sam", first!.AcknowledgedBy);
        Assert.Equal(_time.GetUtcNow(), first.AcknowledgedAt);
        Assert.Null(second);
        Assert.Null(feed.Acknowledge("A9", "Sam"));
        var view = feed.View(10, canAcknowledge: true, []);
        Assert.Equal("ack", view.Feed[0].Kind);
        Assert.Equal(1, feed.Acknowledgements);
    }

    [Fact]
    public void Queue_tile_shows_only_what_the_floor_knows_and_agents_keep_when_their_light_changed()
    {
        using var feed = new WallboardFeed(_floor, _time);
        var started = _time.GetUtcNow();
        _floor.Apply(new CallStarted("c1", started, "1001", "test"));
        _floor.Apply(new CallStarted("c2", started, "1002", "test"));
        _time.Advance(TimeSpan.FromSeconds(30));
        _floor.Apply(new CallEnded("c2", _time.GetUtcNow(), TimeSpan.FromSeconds(30), "hangup"));
        Heard("c1", "password reset", "topic");

        var view = feed.View(10, canAcknowledge: false, []);

        var tile = Assert.Single(view.Queues);
        Assert.Null(tile.CallsWaiting);
        Assert.Null(tile.ServiceLevelPercent);
        Assert.Equal(1, tile.AgentsAvailable);
        Assert.Equal(started, view.Agents.Single(a => a.AgentId == "1001").LightSince);
        Assert.Equal(_time.GetUtcNow(), view.Agents.Single(a => a.AgentId == "1002").LightSince);
        Assert.Equal("topic", Assert.Single(view.Trends).Category);
    }

    private void Heard(string callId, string phrase, string category)
        => _floor.Apply(new Detection(callId, Leg.Customer, phrase, category, -0.1, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), 0.9));
}
