using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Floor;
using EdgeCc.Agent.Store;
using EdgeCc.Agent.Tests.Store;
using EdgeCc.Agent.Uplink;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCc.Agent.Tests.Floor;

public sealed class AlertRecorderTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private readonly TempStore _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_light_turning_red_is_critical_amber_is_a_warning_and_a_repaint_of_the_same_is_not_news()
    {
        var green = new AgentStatus("1001", AgentState.Talking, LightColour.Green, "on a call", "c1", 0) { Rule = AlertRule.OnCall };
        var red = green with { Light = LightColour.Red, Reason = "'speak to a manager' from the customer", Rule = AlertRule.Escalation };
        var amber = green with { Light = LightColour.Amber, Reason = "silent for 25 s", Rule = AlertRule.Silence };

        var escalation = AlertRecorder.For(new FloorChange(red, green, null, null), T0);
        Assert.NotNull(escalation);
        Assert.Equal(("escalation", AlertSeverity.Critical, "1001", "c1"), (escalation.Kind, escalation.Severity, escalation.AgentId, escalation.CallId));
        Assert.Equal(red.Reason, escalation.Text);

        Assert.Equal(AlertSeverity.Warning, AlertRecorder.For(new FloorChange(amber, green, null, null), T0)!.Severity);
        Assert.Null(AlertRecorder.For(new FloorChange(red, red, null, null), T0));
        Assert.Null(AlertRecorder.For(new FloorChange(green, red, null, null), T0));
        Assert.Equal(AlertRecorder.IdFor(red), escalation.AlertId);
        Assert.NotEqual(escalation.AlertId, AlertRecorder.For(new FloorChange(red with { Since = T0.AddMinutes(1) }, green, null, null), T0)!.AlertId);
    }

    [Fact]
    public async Task Floor_escalations_and_topic_spikes_are_stored_and_queued_for_central()
    {
        var time = new FakeTimeProvider(T0);
        using var db = new EdgeDatabase(_dir.Options, time);
        var store = new AlertStore(db, time);
        var floor = new FloorState(Microsoft.Extensions.Options.Options.Create(new FloorOptions()), time);
        var trends = new TopicTrendDetector(new TopicTrendOptions(), time);
        using var recorder = new AlertRecorder(floor, trends, store, time, NullLogger<AlertRecorder>.Instance);
        await recorder.StartAsync(CancellationToken.None);

        // A quiet "login" baseline (one call in 30 min for 2 h), then a burst.
        for (var i = 0; i < 4; i++)
        {
            time.Advance(TimeSpan.FromMinutes(30));
            trends.Record("login");
        }

        floor.Apply(new EdgeCc.Agent.Telephony.CallStarted("c1", time.GetUtcNow(), "1001", "sip"));
        floor.Apply(new Detection("c1", EdgeCc.Agent.Audio.Leg.Customer, "speak to a manager", "escalation", -0.8, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4), 0.9));
        for (var i = 0; i < 6; i++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            trends.Record("login");
        }

        await recorder.StopAsync(CancellationToken.None);

        var alerts = store.List();
        Assert.Contains(alerts, a => a.Kind == "escalation" && a.AgentId == "1001" && a.Severity == AlertSeverity.Critical);
        var spike = Assert.Single(alerts, a => a.Kind == "topic-spike");
        Assert.Equal("login", spike.Trend!.Category);
        Assert.Contains("'login' calls spiking", spike.Text, StringComparison.Ordinal);
        Assert.Equal(alerts.Count, new Outbox(db, time).Peek(100).Count(r => r.Topic == OutboxTopics.Alerts));
    }
}
