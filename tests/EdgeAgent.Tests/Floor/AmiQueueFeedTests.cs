using EdgeCc.Agent.Floor;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCc.Agent.Tests.Floor;

public class AmiQueueFeedTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Real_queue_status_summary_and_member_events_fill_the_queue_board()
    {
        using var server = new AmiTranscriptServer([
            Ami("panoramisk/login_ok.yaml"),
            Ami("panoramisk/queue_status.yaml"),
            Ami("goami2/queuesummary_response.crlf.txt"),
            Ami("panoramisk/agent_loggued_in.yaml"),
        ]);
        var (feed, board) = Feed(server.Port);
        var closed = NextReconnect(feed);
        await feed.StartAsync(CancellationToken.None);
        await closed.WaitAsync(Patience);
        await feed.StopAsync(CancellationToken.None);

        Assert.Equal(1, feed.Sessions);
        Assert.Equal(0, feed.Failures);
        Assert.Equal(["Login"], server.ReceivedActions);

        var tous = board.Stats("xxxxxxxxxxxxxxxx-tous")!;
        Assert.Equal(5, tous.AgentsAvailable);
        Assert.Equal((60, 5), (tous.Answered, tous.Abandoned));
        Assert.Equal(5.0 / 65, tous.AbandonRate!.Value, 6);
        Assert.Null(tous.ServiceLevel);

        var sales = board.Stats("Sales")!;
        Assert.Equal((0, 2), (sales.Waiting, sales.AgentsAvailable));
        Assert.NotNull(board.Stats("Reception_12"));

        Assert.Equal(2, board.Stats("general_queue")!.AgentsAvailable);
    }

    [Fact]
    public async Task A_refused_login_is_counted_and_retried_after_a_backoff()
    {
        using var server = new AmiTranscriptServer([Ami("panoramisk/login_failed.yaml")]);
        var (feed, _) = Feed(server.Port);
        var retry = NextReconnect(feed);
        await feed.StartAsync(CancellationToken.None);
        var delay = await retry.WaitAsync(Patience);
        await feed.StopAsync(CancellationToken.None);

        Assert.Equal(0, feed.Sessions);
        Assert.Equal(1, feed.Failures);
        Assert.Equal(TimeSpan.FromSeconds(0.75), delay);
    }

    [Fact]
    public async Task A_closed_connection_reconnects_when_the_backoff_elapses_on_the_time_provider()
    {
        using var server = new AmiTranscriptServer(
            [Ami("panoramisk/login_ok.yaml")],
            [Ami("panoramisk/login_ok.yaml"), Ami("goami2/queuesummary_response.crlf.txt")]);
        var (feed, board) = Feed(server.Port);
        var first = NextReconnect(feed);
        await feed.StartAsync(CancellationToken.None);
        var delay = await first.WaitAsync(Patience);
        Assert.Null(board.Stats("Sales"));

        var second = NextReconnect(feed);
        _time.Advance(delay);
        await second.WaitAsync(Patience);
        await feed.StopAsync(CancellationToken.None);

        Assert.Equal(2, feed.Sessions);
        Assert.Equal(2, board.Stats("Sales")!.AgentsAvailable);
    }

    [Theory]
    [InlineData(0, 0.0, 0.5)]
    [InlineData(0, 1.0, 1.0)]
    [InlineData(3, 0.0, 4.0)]
    [InlineData(10, 1.0, 60.0)]
    [InlineData(40, 0.0, 30.0)]
    public void Backoff_doubles_from_the_minimum_up_to_the_maximum_with_half_of_it_jittered(int attempt, double unit, double seconds)
        => Assert.Equal(TimeSpan.FromSeconds(seconds), AmiQueueFeed.Backoff(attempt, 1, 60, unit));

    [Fact]
    public void Caller_events_give_waiting_longest_wait_service_level_and_abandon_rate()
    {
        var options = new FloorOptions();
        options.Queues.Add(new QueueOptions { Name = "support", ServiceLevelSeconds = 20 });
        var board = new QueueBoard(Options.Create(options), _time);
        var feed = new AmiQueueFeed(Options.Create(options), board, _time, NullLogger<AmiQueueFeed>.Instance);

        // Asterisk 13+ event names and fields (the recorded transcripts predate them).
        feed.Handle(Packet("Event: QueueCallerJoin", "Queue: support", "Uniqueid: 1.1", "Position: 1"));
        _time.Advance(TimeSpan.FromSeconds(10));
        feed.Handle(Packet("Event: QueueCallerJoin", "Queue: support", "Uniqueid: 1.2", "Position: 2"));
        feed.Handle(Packet("Event: QueueCallerJoin", "Queue: support", "Uniqueid: 1.3", "Position: 3"));
        _time.Advance(TimeSpan.FromSeconds(5));
        var live = board.Stats("support")!;
        Assert.Equal((3, TimeSpan.FromSeconds(15)), (live.Waiting, live.LongestWait));

        feed.Handle(Packet("Event: AgentConnect", "Queue: support", "Uniqueid: 1.1", "HoldTime: 15"));
        feed.Handle(Packet("Event: QueueCallerLeave", "Queue: support", "Uniqueid: 1.1"));
        _time.Advance(TimeSpan.FromSeconds(30));
        feed.Handle(Packet("Event: AgentConnect", "Queue: support", "Uniqueid: 1.2", "HoldTime: 35"));
        feed.Handle(Packet("Event: QueueCallerLeave", "Queue: support", "Uniqueid: 1.2"));
        feed.Handle(Packet("Event: QueueCallerAbandon", "Queue: support", "Uniqueid: 1.3"));
        feed.Handle(Packet("Event: QueueCallerLeave", "Queue: support", "Uniqueid: 1.3"));

        var stats = board.Stats("support")!;
        Assert.Equal((0, 2, 1), (stats.Waiting, stats.Answered, stats.Abandoned));
        Assert.Equal(1.0 / 3, stats.ServiceLevel!.Value, 6);
        Assert.Equal(1.0 / 3, stats.AbandonRate!.Value, 6);
    }

    private (AmiQueueFeed Feed, QueueBoard Board) Feed(int port)
    {
        var options = new FloorOptions { Ami = { Enabled = true, Port = port, Username = "edgecc", Secret = "s", ReconnectMinSeconds = 1 } };
        var board = new QueueBoard(Options.Create(options), _time);
        return (new AmiQueueFeed(Options.Create(options), board, _time, NullLogger<AmiQueueFeed>.Instance, () => 0.5), board);
    }

    private static Task<TimeSpan> NextReconnect(AmiQueueFeed feed)
    {
        var done = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handler(TimeSpan delay)
        {
            feed.ReconnectScheduled -= Handler;
            done.TrySetResult(delay);
        }

        feed.ReconnectScheduled += Handler;
        return done.Task;
    }

    private static AmiMessage Packet(params string[] lines)
    {
        var message = new AmiMessage();
        foreach (var line in lines)
        {
            Assert.True(message.TryAddLine(line));
        }

        return message;
    }

    private static string Ami(string relative) => TestPaths.Shared("ami/" + relative);
}
