using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Audio;
using EdgeCc.Agent.Floor;
using EdgeCc.Agent.Telephony;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCc.Agent.Tests.Floor;

public class AlertRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(T0);

    [Fact]
    public void Escalation_flashes_red_until_a_supervisor_acknowledges_then_falls_to_the_next_rule()
    {
        var floor = Floor();
        floor.Apply(new CallStarted("c1", T0, "1001", "sip"));
        floor.Apply(Heard("c1", "speak to a manager", "escalation", -0.6));
        var red = Agent(floor, "1001");
        Assert.Equal((LightColour.Red, true, AlertRule.Escalation), (red.Light, red.Flashing, red.Rule));

        Assert.True(floor.Acknowledge("1001", "supervisor-anna"));
        var after = Agent(floor, "1001");
        Assert.Equal(LightColour.Amber, after.Light);
        Assert.False(after.Flashing);
        Assert.Equal(AlertRule.Sentiment, after.Rule);
        Assert.Equal("supervisor-anna", after.AcknowledgedBy);
        Assert.False(floor.Acknowledge("1001", "supervisor-anna"));
    }

    [Fact]
    public void A_new_escalation_after_an_acknowledgement_flashes_again_and_the_call_end_clears_it()
    {
        var floor = Floor();
        floor.Apply(new CallStarted("c1", T0, "1001", "sip"));
        floor.Apply(Heard("c1", "cancel my account", "churn", 0));
        floor.Acknowledge("1001", "sup");
        Assert.Equal(LightColour.Green, Agent(floor, "1001").Light);
        Assert.Equal("on a call (escalation acknowledged by sup)", Agent(floor, "1001").Reason);

        floor.Apply(Heard("c1", "what the hell", "profanity", 0));
        Assert.True(Agent(floor, "1001").Flashing);
        floor.Apply(new CallEnded("c1", T0, TimeSpan.FromSeconds(9), "bye"));
        Assert.Equal((LightColour.Off, false, "idle"), (Agent(floor, "1001").Light, Agent(floor, "1001").Flashing, Agent(floor, "1001").Reason));
    }

    [Fact]
    public void Sentiment_goes_amber_then_red_and_steps_down_only_past_the_hysteresis_band_after_the_dwell()
    {
        var floor = Floor();
        floor.Apply(new CallStarted("c1", T0, "1001", "sip"));
        floor.Apply(Heard("c1", "not happy", "frustration", -0.5));
        Assert.Equal(LightColour.Amber, Agent(floor, "1001").Light);
        floor.Apply(Heard("c1", "not happy", "frustration", -0.7));
        Assert.Equal(LightColour.Red, Agent(floor, "1001").Light);

        // -1.15 is above the red threshold (-1.2) but inside the 0.1 band: still red.
        floor.Apply(Heard("c1", "thank you", "courtesy", 0.05));
        Assert.Equal(LightColour.Red, Agent(floor, "1001").Light);
        floor.Apply(Heard("c1", "thank you", "courtesy", 0.2));
        Assert.Equal(LightColour.Red, Agent(floor, "1001").Light);

        _time.Advance(TimeSpan.FromSeconds(3));
        floor.Tick();
        Assert.Equal(LightColour.Amber, Agent(floor, "1001").Light);
    }

    [Fact]
    public void Arousal_hovering_at_the_threshold_does_not_flicker()
    {
        var floor = Floor();
        var changes = 0;
        floor.Apply(new CallStarted("c1", T0, "1001", "sip"));
        floor.Changed += c => changes += c.Before?.Light != c.Agent.Light ? 1 : 0;
        foreach (var a in new[] { 0.71, 0.69, 0.72, 0.66, 0.70, 0.68 })
        {
            floor.ReportArousal("c1", a);
            _time.Advance(TimeSpan.FromSeconds(1));
            floor.Tick();
        }

        Assert.Equal(1, changes);
        Assert.Equal(LightColour.Amber, Agent(floor, "1001").Light);
        Assert.Equal("customer arousal 0.71", Agent(floor, "1001").Reason);
        floor.ReportArousal("c1", 0.9);
        Assert.Equal(LightColour.Red, Agent(floor, "1001").Light);
    }

    [Fact]
    public void Long_silence_is_amber_and_speech_returns_to_green()
    {
        var floor = Floor();
        floor.Apply(new CallStarted("c1", T0, "1001", "sip"));
        floor.ReportSilence("c1", TimeSpan.FromSeconds(5));
        Assert.Equal(LightColour.Green, Agent(floor, "1001").Light);
        _time.Advance(TimeSpan.FromSeconds(15));
        floor.Tick();
        Assert.Equal((LightColour.Amber, "silent for 20 s"), (Agent(floor, "1001").Light, Agent(floor, "1001").Reason));
        _time.Advance(TimeSpan.FromSeconds(5));
        floor.ReportSilence("c1", TimeSpan.Zero);
        Assert.Equal(LightColour.Green, Agent(floor, "1001").Light);
    }

    [Fact]
    public void Help_button_is_blue_outranks_sentiment_and_an_acknowledgement_answers_it()
    {
        var floor = Floor();
        floor.PressHelp("1002");
        Assert.Equal((LightColour.Blue, AgentState.AskingForHelp), (Agent(floor, "1002").Light, Agent(floor, "1002").State));
        floor.Apply(new CallStarted("c2", T0, "1002", "sip"));
        floor.Apply(Heard("c2", "not happy", "frustration", -0.6));
        Assert.Equal(LightColour.Blue, Agent(floor, "1002").Light);
        Assert.True(floor.Acknowledge("1002", "sup"));
        Assert.Equal(LightColour.Amber, Agent(floor, "1002").Light);
    }

    [Fact]
    public void A_finished_call_leaves_the_agent_in_wrap_up_with_the_light_off_then_idle()
    {
        var options = new FloorOptions();
        options.Rules.WrapUpSeconds = 30;
        var floor = Floor(options);
        floor.Apply(new CallStarted("c1", T0, "1001", "sip"));
        floor.Apply(new CallEnded("c1", T0, TimeSpan.FromSeconds(60), "bye"));
        Assert.Equal((AgentState.WrapUp, LightColour.Off, "wrap-up"), (Agent(floor, "1001").State, Agent(floor, "1001").Light, Agent(floor, "1001").Reason));
        _time.Advance(TimeSpan.FromSeconds(30));
        floor.Tick();
        Assert.Equal((AgentState.Idle, "idle"), (Agent(floor, "1001").State, Agent(floor, "1001").Reason));
    }

    [Fact]
    public void Configured_priorities_decide_between_rules()
    {
        var options = new FloorOptions();
        options.Rules.HelpPriority = 200;
        var floor = Floor(options);
        floor.Apply(new CallStarted("c1", T0, "1001", "sip"));
        floor.Apply(Heard("c1", "speak to a manager", "escalation", 0));
        floor.PressHelp("1001");
        Assert.Equal(LightColour.Blue, Agent(floor, "1001").Light);
        floor.PressHelp("1001");
        Assert.Equal(LightColour.Red, Agent(floor, "1001").Light);
    }

    [Fact]
    public void Station_lights_follow_configured_stations_in_order()
    {
        var options = new FloorOptions();
        options.Stations.Add(new StationOptions { Agent = "1001", Pixel = 0 });
        options.Stations.Add(new StationOptions { Agent = "1002", Pixel = 1 });
        var floor = Floor(options);
        floor.Apply(new CallStarted("c1", T0, "1002", "sip"));
        floor.Apply(Heard("c1", "speak to a manager", "escalation", 0));
        Span<StationLight> lights = stackalloc StationLight[2];
        floor.ReadLights(lights);
        Assert.Equal(new StationLight(LightColour.Off, false), lights[0]);
        Assert.Equal(new StationLight(LightColour.Red, true), lights[1]);
        Assert.Equal(2, floor.Snapshot().Count);
    }

    private FloorState Floor(FloorOptions? options = null) => new(Options.Create(options ?? new FloorOptions()), _time);

    private static AgentStatus Agent(FloorState floor, string id) => Assert.Single(floor.Snapshot(), a => a.AgentId == id);

    private static Detection Heard(string callId, string phrase, string category, double weight)
        => new(callId, Leg.Customer, phrase, category, weight, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4), 0.9);
}
