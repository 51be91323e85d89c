using EdgeCc.Agent.Analysis;

namespace EdgeCc.Agent.Hosting;

/// <summary>Every stage channel of the pipeline, in flow order, for the watchdog and the metrics.</summary>
internal sealed class PipelineStages(AnalysisPipeline analysis, StageChannel<AnalysisEvent> floorEvents, StageChannel<CallSummary> summaries)
{
    public IReadOnlyList<StageSnapshot> Snapshot()
    {
        var list = new List<StageSnapshot>(analysis.Queues.Count + 2);
        foreach (var queue in analysis.Queues)
        {
            list.Add(queue.Snapshot());
        }

        list.Add(floorEvents.Snapshot());
        list.Add(summaries.Snapshot());
        return list;
    }
}
