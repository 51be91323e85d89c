using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Floor;
using EdgeCc.Agent.Hosting;
using EdgeCc.Agent.Telephony;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCc.Agent.Tests.Floor;

public class FloorServiceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Live_signals_from_analysis_turn_an_agitated_customer_red_and_dead_air_amber()
    {
        var time = new FakeTimeProvider(T0);
        var options = Options.Create(new FloorOptions());
        var floor = new FloorState(options, time);
        var events = new StageChannel<AnalysisEvent>("floor-events", 100, OverflowPolicy.Wait);
        using var service = new FloorService(floor, new SipQueueView(new QueueBoard(options, time), options), events);
        await service.StartAsync(CancellationToken.None);

        await events.WriteAsync(AnalysisEvent.Of(new CallStarted("c1", T0, "1001", "sip")));
        await events.WriteAsync(AnalysisEvent.Of(new CallSignals("c1", TimeSpan.FromSeconds(30), 0.9, TimeSpan.Zero)));
        await events.WriteAsync(AnalysisEvent.Of(new CallStarted("c2", T0, "1002", "sip")));
        await events.WriteAsync(AnalysisEvent.Of(new CallSignals("c2", TimeSpan.FromSeconds(30), 0.1, TimeSpan.FromSeconds(25))));
        events.Complete();
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));

        var agents = floor.Snapshot();
        Assert.Equal(LightColour.Red, agents.Single(a => a.AgentId == "1001").Light);
        Assert.StartsWith("customer arousal", agents.Single(a => a.AgentId == "1001").Reason, StringComparison.Ordinal);
        Assert.Equal(LightColour.Amber, agents.Single(a => a.AgentId == "1002").Light);
        Assert.StartsWith("silent for", agents.Single(a => a.AgentId == "1002").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_dialled_to_a_queue_number_waits_in_that_queue_until_answered()
    {
        var time = new FakeTimeProvider(T0);
        var settings = new FloorOptions();
        settings.Queues.Add(new QueueOptions { Name = "support", Numbers = ["2222"], ServiceLevelSeconds = 20 });
        var options = Options.Create(settings);
        var board = new QueueBoard(options, time);
        var events = new StageChannel<AnalysisEvent>("floor-events", 100, OverflowPolicy.Wait);
        using var service = new FloorService(new FloorState(options, time), new SipQueueView(board, options), events);
        await service.StartAsync(CancellationToken.None);

        await events.WriteAsync(AnalysisEvent.Of(new CallStarted("c1", T0, null, "sip") { Dialled = "2222" }));
        await events.WriteAsync(AnalysisEvent.Of(new CallStarted("c2", T0, null, "sip") { Dialled = "1234" }));
        await events.WriteAsync(AnalysisEvent.Of(new CallStarted("c3", T0, null, "sip") { Dialled = "2222" }));
        await events.WriteAsync(AnalysisEvent.Of(new CallAnswered("c3", T0, TimeSpan.FromSeconds(5))));
        events.Complete();
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, board.Stats("support")!.Waiting);
    }
}
