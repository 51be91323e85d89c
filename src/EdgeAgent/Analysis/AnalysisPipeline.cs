using EdgeCc.Agent.Hosting;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Analysis;

/// <summary>
/// The analysis stage's front door. Calls are spread over workers by Call-ID, so one call's
/// frames and events are handled by one worker, in order, and calls run in parallel.
/// </summary>
internal sealed class AnalysisPipeline : ICallInputSink
{
    public AnalysisPipeline(IOptions<AnalysisOptions> options)
    {
        var settings = options.Value;
        var workers = settings.Workers > 0 ? settings.Workers : Environment.ProcessorCount;
        var queues = new StageChannel<CallInput>[workers];
        for (var i = 0; i < workers; i++)
        {
            // Audio must not be lost silently: a slow analysis worker pushes back on the source,
            // whose own queue (capture ring, pcap reader) then counts what it has to drop.
            queues[i] = new StageChannel<CallInput>($"analysis-{i}", settings.QueueCapacity, OverflowPolicy.Wait);
        }

        Queues = queues;
    }

    public IReadOnlyList<StageChannel<CallInput>> Queues { get; }

    public ValueTask WriteAsync(CallInput input, CancellationToken cancellationToken)
        => Queues[Partition(input.CallId)].WriteAsync(input, cancellationToken);

    /// <summary>No more input (end of a replay or demo): workers end open calls and stop.</summary>
    public void Complete()
    {
        foreach (var queue in Queues)
        {
            queue.Complete();
        }
    }

    private int Partition(string callId)
    {
        // string.GetHashCode is randomised per process, which is fine: only stable within a run matters.
        var hash = (uint)callId.GetHashCode(StringComparison.Ordinal);
        return (int)(hash % (uint)Queues.Count);
    }
}
