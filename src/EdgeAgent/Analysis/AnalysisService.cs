using EdgeCc.Agent.Hosting;
using EdgeCc.Agent.Telephony;
using EdgeCc.Agent.Uplink;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Analysis;

/// <summary>
/// Runs the analysis workers: each reads its queue, keeps the state of its calls, and publishes
/// detections (to the floor), call events (to the floor) and summaries (to the store).
/// </summary>
internal sealed partial class AnalysisService(
    AnalysisPipeline pipeline,
    SpotterPool pool,
    IOptions<AnalysisOptions> options,
    TopicTrendDetector trends,
    StageChannel<AnalysisEvent> events,
    StageChannel<CallSummary> summaries,
    CallerKey customerKeys,
    TimeProvider time,
    ILogger<AnalysisService> logger) : BackgroundService
{
    private long _failedInputs;
    private long _topicSpikes;
    private long _skippedInputs;

    // Bounds the memory of failed call ids if their ends are never seen.
    private const int MaxBrokenCalls = 10_000;

    public long FailedInputs => Interlocked.Read(ref _failedInputs);

    public long TopicSpikes => Interlocked.Read(ref _topicSpikes);

    public long SkippedInputs => Interlocked.Read(ref _skippedInputs);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = new Task[pipeline.Queues.Count];
        for (var i = 0; i < workers.Length; i++)
        {
            var queue = pipeline.Queues[i];
            workers[i] = Task.Run(() => RunWorkerAsync(queue, stoppingToken), CancellationToken.None);
        }

        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        finally
        {
            events.Complete();
            summaries.Complete();
        }
    }

    private async Task RunWorkerAsync(StageChannel<CallInput> queue, CancellationToken stoppingToken)
    {
        var calls = new Dictionary<string, CallAnalysis>(StringComparer.Ordinal);
        var broken = new HashSet<string>(StringComparer.Ordinal);
        var found = new List<Detection>();
        try
        {
            await foreach (var input in queue.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                if (broken.Contains(input.CallId))
                {
                    // The rest of a call whose analysis failed is counted, not re-analysed.
                    Interlocked.Increment(ref _skippedInputs);
                    if (input.Event is CallEnded)
                    {
                        broken.Remove(input.CallId);
                    }

                    continue;
                }

                try
                {
                    await HandleAsync(input, calls, found, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One broken call must not stop the others: end it with what it has.
                    Interlocked.Increment(ref _failedInputs);
                    AnalysisLog.InputFailed(logger, input.CallId, ex);
                    if (input.Event is not CallEnded)
                    {
                        if (broken.Count >= MaxBrokenCalls)
                        {
                            broken.Clear();
                        }

                        broken.Add(input.CallId);
                    }

                    if (calls.Remove(input.CallId, out var call))
                    {
                        await EndBrokenAsync(call, found).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: open calls are still summarised below.
        }

        foreach (var call in calls.Values)
        {
            await EndAsync(call, time.GetUtcNow(), "shutdown", found, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async ValueTask HandleAsync(CallInput input, Dictionary<string, CallAnalysis> calls, List<Detection> found, CancellationToken cancellationToken)
    {
        if (input.Frame is { } frame)
        {
            var call = GetOrAdd(calls, frame.CallId, null);
            call.Process(frame, found);
            await PublishAsync(found, cancellationToken).ConfigureAwait(false);
            if (call.TakeSignals() is { } signals)
            {
                await events.WriteAsync(AnalysisEvent.Of(signals), cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var callEvent = input.Event!;
        switch (callEvent)
        {
            case CallStarted started:
                GetOrAdd(calls, started.CallId, started);
                break;
            case CallEnded ended:
                if (calls.Remove(ended.CallId, out var call))
                {
                    await EndAsync(call, ended.At, ended.Reason, found, cancellationToken, ended.Offset, ended.Streams).ConfigureAwait(false);
                }

                break;
            default:
                if (calls.TryGetValue(callEvent.CallId, out var known))
                {
                    known.Record(callEvent);
                }

                break;
        }

        if (callEvent is not CallEnded)
        {
            await events.WriteAsync(AnalysisEvent.Of(callEvent), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Ends a call whose analysis failed; if even its summary cannot be built, a bare one is stored.</summary>
    private async ValueTask EndBrokenAsync(CallAnalysis call, List<Detection> found)
    {
        var now = time.GetUtcNow();
        try
        {
            await EndAsync(call, now, "analysis-error", found, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            AnalysisLog.InputFailed(logger, call.CallId, ex);
            found.Clear();
            await summaries.WriteAsync(
                new CallSummary
                {
                    CallId = call.CallId,
                    AgentId = call.Started?.AgentId,
                    CustomerKey = customerKeys.For(call.Started?.CustomerNumber),
                    Source = call.Started?.Source ?? "unsignalled",
                    StartedAt = call.StartedAt,
                    EndedAt = now,
                    Duration = now - call.StartedAt,
                    EndReason = "analysis-error",
                    Legs = [],
                    Detections = [],
                },
                CancellationToken.None).ConfigureAwait(false);
        }
    }

    private CallAnalysis GetOrAdd(Dictionary<string, CallAnalysis> calls, string callId, CallStarted? started)
    {
        if (!calls.TryGetValue(callId, out var call))
        {
            call = new CallAnalysis(callId, started, time.GetUtcNow(), pool, options.Value);
            calls.Add(callId, call);
            AnalysisLog.CallOpened(logger, callId, started?.AgentId, started?.Source ?? "unsignalled");
        }

        return call;
    }

    private async ValueTask EndAsync(
        CallAnalysis call, DateTimeOffset endedAt, string reason, List<Detection> found, CancellationToken cancellationToken, TimeSpan? offset = null, IReadOnlyList<StreamReport>? streams = null)
    {
        var duration = offset ?? (endedAt - call.StartedAt);
        var summary = call.End(endedAt, duration, reason, streams ?? [], found) with { CustomerKey = customerKeys.For(call.Started?.CustomerNumber) };
        var (received, spotted) = call.Workload;
        AnalysisLog.SpotterWorkload(logger, call.CallId, received.TotalSeconds, spotted.TotalSeconds);
        await PublishAsync(found, cancellationToken).ConfigureAwait(false);
        await events.WriteAsync(AnalysisEvent.Of(new CallEnded(call.CallId, endedAt, duration, reason)), cancellationToken).ConfigureAwait(false);
        await summaries.WriteAsync(summary, cancellationToken).ConfigureAwait(false);
        AnalysisLog.CallSummarised(logger, call.CallId, reason, summary.Detections.Count, summary.Sentiment);
    }

    private async ValueTask PublishAsync(List<Detection> found, CancellationToken cancellationToken)
    {
        foreach (var detection in found)
        {
            await events.WriteAsync(AnalysisEvent.Of(detection), cancellationToken).ConfigureAwait(false);
            if (trends.Record(detection) is { } spike)
            {
                Interlocked.Increment(ref _topicSpikes);
                AnalysisLog.TopicSpike(logger, spike.Category, spike.WindowCount, spike.Window.TotalMinutes, spike.BaselinePerWindow, spike.Ratio);
            }

            AnalysisLog.PhraseDetected(logger, detection.CallId, detection.Leg, detection.Phrase, detection.Category, detection.Start.TotalSeconds, detection.Confidence);
        }

        found.Clear();
    }
}
