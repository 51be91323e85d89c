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


    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
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
        var pump = PumpAsync(handOff.Writer, stoppingToken);
        var batch = new List<CallSummary>(MaxBatch);
        while (await handOff.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
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
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    StoreLog.AddFailed(_log, ex);
                    await Task.Delay(RetryDelay, _time, stoppingToken).ConfigureAwait(false);
                }
            }
        }

        await pump.ConfigureAwait(false);
    }

    private async Task PumpAsync(ChannelWriter<CallSummary> writer, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var summary in _summaries.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await writer.WriteAsync(summary, stoppingToken).ConfigureAwait(false);
            }

            writer.TryComplete();
        }
        catch (Exception ex)
        {
            writer.TryComplete(ex);
        }
    }
}
