using System.Threading.Channels;
using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCc.Agent.Tests.Hosting;

public class WatchdogServiceTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Watchdog_pings_while_stages_progress_stops_on_a_stuck_stage_and_resumes_when_it_moves()
    {
        var events = Channel.CreateUnbounded<string>();
        var time = new FakeTimeProvider();
        var summaries = new StageChannel<CallSummary>("summaries", 10, OverflowPolicy.Wait);
        var stages = new PipelineStages(
            new AnalysisPipeline(Options.Create(new AnalysisOptions { Workers = 1 })),
            new StageChannel<AnalysisEvent>("floor-events", 10, OverflowPolicy.Wait),
            summaries);
        var watchdog = new WatchdogService(new RecordingNotifier(events.Writer), stages, time, new RecordingLogger(events.Writer));
        using var stop = new CancellationTokenSource();
        await using var reader = summaries.ReadAllAsync().GetAsyncEnumerator();

        var run = watchdog.RunAsync(Interval, stop.Token);
        Assert.Equal("WATCHDOG=1", await events.Reader.ReadAsync());

        // Queued work that is read between ticks: progress, so the pings go on.
        for (var i = 0; i < 4; i++)
        {
            Assert.True(summaries.TryWrite(Summary()));
        }

        Assert.True(await reader.MoveNextAsync());
        time.Advance(Interval);
        Assert.Equal("WATCHDOG=1", await events.Reader.ReadAsync());
        Assert.True(await reader.MoveNextAsync());
        time.Advance(Interval);
        Assert.Equal("WATCHDOG=1", await events.Reader.ReadAsync());

        // Queued work and no read since the last tick: stuck, and no ping.
        time.Advance(Interval);
        Assert.Equal("log: Stage summaries has queued work but made no progress; watchdog pings stop until it moves", await events.Reader.ReadAsync());

        // It moves again (work still queued): pings resume.
        Assert.True(await reader.MoveNextAsync());
        time.Advance(Interval);
        Assert.Equal("WATCHDOG=1", await events.Reader.ReadAsync());
        Assert.Equal("log: Stage summaries moves again; watchdog pings resume", await events.Reader.ReadAsync());
        Assert.Equal(4, watchdog.Pings);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.False(events.Reader.TryRead(out var extra), $"unexpected {extra}");
    }

    [Fact]
    public void Watchdog_interval_is_half_of_WATCHDOG_USEC_for_this_process_only()
    {
        var usec = Environment.GetEnvironmentVariable("WATCHDOG_USEC");
        var pid = Environment.GetEnvironmentVariable("WATCHDOG_PID");
        try
        {
            Environment.SetEnvironmentVariable("WATCHDOG_USEC", "30000000");
            Environment.SetEnvironmentVariable("WATCHDOG_PID", null);
            Assert.Equal(TimeSpan.FromSeconds(15), WatchdogService.IntervalFromEnvironment());
            Environment.SetEnvironmentVariable("WATCHDOG_PID", (Environment.ProcessId + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Null(WatchdogService.IntervalFromEnvironment());
            Environment.SetEnvironmentVariable("WATCHDOG_PID", null);
            Environment.SetEnvironmentVariable("WATCHDOG_USEC", "0");
            Assert.Null(WatchdogService.IntervalFromEnvironment());
        }
        finally
        {
            Environment.SetEnvironmentVariable("WATCHDOG_USEC", usec);
            Environment.SetEnvironmentVariable("WATCHDOG_PID", pid);
        }
    }

    private static CallSummary Summary() => new()
    {
        CallId = "c1",
        Source = "test",
        StartedAt = DateTimeOffset.UnixEpoch,
        EndedAt = DateTimeOffset.UnixEpoch,
        Duration = TimeSpan.Zero,
        EndReason = "bye",
        Legs = [],
        Detections = [],
    };

    private sealed class RecordingNotifier(ChannelWriter<string> events) : ISystemdNotifier
    {
        public bool IsEnabled => true;

        public void Notify(ServiceState state) => events.TryWrite(state.ToString());
    }

    private sealed class RecordingLogger(ChannelWriter<string> events) : ILogger<WatchdogService>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => events.TryWrite("log: " + formatter(state, exception));
    }
}
