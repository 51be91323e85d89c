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
        await foreach (var summary in _summaries.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    _store.Add(summary);
                    Stored++;
                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    StoreLog.AddFailed(_log, ex);
                    await Task.Delay(RetryDelay, _time, stoppingToken).ConfigureAwait(false);
                }
            }
        }
    }
}
