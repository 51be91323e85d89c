using EdgeCc.Agent.Floor;
using EdgeCc.Agent.Telephony;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCc.Agent.Tests.Floor;

public class SipQueueViewTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Calls_to_a_queue_number_wait_until_answered_or_abandoned_and_other_numbers_are_ignored()
    {
        var time = new FakeTimeProvider(T0);
        var options = new FloorOptions();
        options.Queues.Add(new QueueOptions { Name = "support", Numbers = ["800", "801"], ServiceLevelSeconds = 20 });
        var board = new QueueBoard(Options.Create(options), time);
        var view = new SipQueueView(board, Options.Create(options));

        Assert.True(view.Offer("a", "800"));
        Assert.True(view.Offer("b", "801"));
        Assert.False(view.Offer("c", "1234"));
        time.Advance(TimeSpan.FromSeconds(12));
        Assert.Equal((2, TimeSpan.FromSeconds(12)), (board.Stats("support")!.Waiting, board.Stats("support")!.LongestWait));

        view.Apply(new CallAnswered("a", time.GetUtcNow(), TimeSpan.FromSeconds(12)));
        time.Advance(TimeSpan.FromSeconds(20));
        view.Apply(new CallEnded("b", time.GetUtcNow(), TimeSpan.FromSeconds(32), "cancel"));
        view.Apply(new CallEnded("a", time.GetUtcNow(), TimeSpan.FromSeconds(32), "bye"));

        var stats = board.Stats("support")!;
        Assert.Equal((0, 1, 1), (stats.Waiting, stats.Answered, stats.Abandoned));
        Assert.Equal(0.5, stats.ServiceLevel);
        Assert.Equal(0.5, stats.AbandonRate);
    }
}
