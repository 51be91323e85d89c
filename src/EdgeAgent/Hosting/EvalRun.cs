using EdgeCc.Agent.Analysis.Evaluation;

namespace EdgeCc.Agent.Hosting;

/// <summary>
/// One spotter over one corpus set: a run per item (in the set's order), their CPU time in total, and for the CLI
/// the CPU its start-up (model and dictionary load) costs per file, which is part of <see cref="Cpu"/>.
/// </summary>
internal sealed record EvalRun(string Spotter, IReadOnlyList<EvalItemRun> Items, TimeSpan Cpu, TimeSpan StartupPerFile)
{
    public double AudioSeconds => Items.Sum(i => i.Seconds);

    public double CpuPerAudioSecond => AudioSeconds <= 0 ? 0 : Cpu.TotalSeconds / AudioSeconds;

    /// <summary>
    /// The items to score against <paramref name="set"/>'s labels: those of one <see cref="CalibrationSplit"/> half, or
    /// all when null, and of those only the ones <paramref name="where"/> takes.
    /// </summary>
    public List<ScoredItem> Scored(CorpusSet set, int? half = null, Func<EvalItemRun, bool>? where = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        var halves = CalibrationSplit.Halves(set);
        var scored = new List<ScoredItem>();
        for (var i = 0; i < Items.Count; i++)
        {
            if ((half is null || halves[i] == half) && (where is null || where(Items[i])))
            {
                scored.Add(new ScoredItem(set.Items[i].Phrases, Items[i].Detections, Items[i].Seconds, set.Name));
            }
        }

        return scored;
    }
}
