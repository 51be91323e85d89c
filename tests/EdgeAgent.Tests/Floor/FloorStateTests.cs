using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Audio;
using EdgeCc.Agent.Floor;
using EdgeCc.Agent.Telephony;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCc.Agent.Tests.Floor;

public class FloorStateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_call_turns_its_agent_green_and_its_end_turns_the_light_off()
    {
        var floor = new FloorState();
        floor.Apply(new CallStarted("c1", T0, "1001", "sip"));
        Assert.Equal(LightColour.Green, Agent(floor, "1001").Light);
        Assert.Equal(AgentState.Talking, Agent(floor, "1001").State);

        floor.Apply(new CallEnded("c1", T0.AddSeconds(30), TimeSpan.FromSeconds(30), "bye"));
        Assert.Equal(LightColour.Off, Agent(floor, "1001").Light);
        Assert.Equal(AgentState.Idle, Agent(floor, "1001").State);
    }

    [Fact]
    public void An_escalation_phrase_turns_the_light_red_with_the_phrase_as_reason_and_hold_keeps_it_red()
    {
        var floor = new FloorState();
        var changes = new List<FloorChange>();
        floor.Changed += changes.Add;
        floor.Apply(new CallStarted("c1", T0, "1001", "sip"));
        floor.Apply(Heard("c1", "speak to a manager", "escalation", -0.6, seconds: 65));

        var agent = Agent(floor, "1001");
        Assert.Equal(LightColour.Red, agent.Light);
        Assert.Contains("'speak to a manager' (escalation) from the customer at 1:05", agent.Reason, StringComparison.Ordinal);
        Assert.NotNull(changes[^1].Detection);

        floor.Apply(new CallHeld("c1", T0.AddSeconds(70), TimeSpan.FromSeconds(70)));
        Assert.Equal(LightColour.Red, Agent(floor, "1001").Light);
        Assert.Equal(AgentState.OnHold, Agent(floor, "1001").State);
    }

    [Fact]
    public void Falling_sentiment_turns_amber_and_a_long_hold_is_amber_until_resumed()
    {
        var time = new FakeTimeProvider(T0);
        var floor = new FloorState(Options.Create(new FloorOptions()), time);
        floor.Apply(new CallStarted("c2", T0, "1002", "sip"));
        floor.Apply(new CallHeld("c2", T0.AddSeconds(5), TimeSpan.FromSeconds(5)));
        Assert.Equal(LightColour.Green, Agent(floor, "1002").Light);
        time.Advance(TimeSpan.FromSeconds(45));
        floor.Tick();
        Assert.Equal(LightColour.Amber, Agent(floor, "1002").Light);
        Assert.Equal("on hold for 45 s", Agent(floor, "1002").Reason);
        time.Advance(TimeSpan.FromSeconds(4));
        floor.Apply(new CallResumed("c2", T0.AddSeconds(9), TimeSpan.FromSeconds(9)));
        Assert.Equal(LightColour.Green, Agent(floor, "1002").Light);

        floor.Apply(Heard("c2", "this is ridiculous", "frustration", -0.3, 12));
        Assert.Equal(LightColour.Green, Agent(floor, "1002").Light);
        floor.Apply(Heard("c2", "not happy", "frustration", -0.3, 15));
        var agent = Agent(floor, "1002");
        Assert.Equal(LightColour.Amber, agent.Light);
        Assert.StartsWith("sentiment -0.6", agent.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Detections_for_unknown_calls_change_nothing()
    {
        var floor = new FloorState();
        floor.Apply(Heard("nobody", "speak to a manager", "escalation", -0.6, 1));
        Assert.Empty(floor.Snapshot());
    }

    private static AgentStatus Agent(FloorState floor, string id) => Assert.Single(floor.Snapshot(), a => a.AgentId == id);

    private static Detection Heard(string callId, string phrase, string category, double weight, double seconds)
        => new(callId, Leg.Customer, phrase, category, weight, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(seconds + 1), 0.9);
}
