using System.Threading.Channels;
using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeCc.Agent.Store;

/// <summary>
/// Moves finished calls from the pipeline into the store (and so into the outbox). The channel's
/// policy is Wait: a slow disk backs the pipeline up instead of losing a summary, and a failed
/// write is retried, never skipped. Completes when the channel completes and is drained.
/// <para>
/// Stopping does not cut the drain short: the store is registered first, so it stops last, after analysis has
/// completed the channel behind its last summary, and everything accepted up to then is stored. Only the host's
/// shutdown timeout ends the wait (a summary still queued then is lost with the process).
/// </para>
/// </summary>
internal sealed class StoreService : BackgroundService
{
    private const int MaxBatch = 64;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private readonly StageChannel<CallSummary> _summaries;
    private readonly SummaryStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<StoreService> _log;

    public StoreService(StageChannel<CallSummary> summaries, SummaryStore store, TimeProvider time, ILogger<StoreService> log)
    {
        _summaries = summaries;
        _store = store;
        _time = time;
        _log = log;
    }

    public long Stored { get; private set; }

    /// <summary>The drain: done when the channel has completed and everything in it is stored.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // BackgroundService starts ExecuteAsync on a task that a stop right after the start cancels before it runs:
        // the drain is started here, whatever happens to that task.
        Completion = Task.Run(DrainAsync, CancellationToken.None);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        var timeout = new TaskCompletionSource();
        using var registration = cancellationToken.Register(() => timeout.TrySetResult());
        await Task.WhenAny(Completion, timeout.Task).ConfigureAwait(false);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Completion;

    private async Task DrainAsync()
    {
        // StageChannel only offers an async stream; a small bounded hand-off lets this loop take
        // whatever has queued up and store it in one transaction (one disk flush per batch). It
        // waits when full, so back-pressure still reaches the pipeline.
        var handOff = Channel.CreateBounded<CallSummary>(new BoundedChannelOptions(MaxBatch)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var pump = PumpAsync(handOff.Writer);
        var batch = new List<CallSummary>(MaxBatch);
        while (await handOff.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && handOff.Reader.TryRead(out var summary))
            {
                batch.Add(summary);
            }

            while (true)
            {
                try
                {
                    _store.AddRange(batch);
                    Stored += batch.Count;
                    break;
                }
                catch (Exception ex)
                {
                    StoreLog.AddFailed(_log, ex);
                    await Task.Delay(RetryDelay, _time, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }

        await pump.ConfigureAwait(false);
    }

    private async Task PumpAsync(ChannelWriter<CallSummary> writer)
    {
        try
        {
            await foreach (var summary in _summaries.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                await writer.WriteAsync(summary, CancellationToken.None).ConfigureAwait(false);
            }

            writer.TryComplete();
        }
        catch (Exception ex)
        {
            writer.TryComplete(ex);
        }
    }
}
