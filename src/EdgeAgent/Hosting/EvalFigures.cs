using EdgeCc.Agent.Analysis.Evaluation;

namespace EdgeCc.Agent.Hosting;

/// <summary>One scored run as <c>edgecc eval --json</c> writes it.</summary>
internal sealed record EvalFigures(
    string Set,
    string Band,
    string Run,
    int Files,
    double Hours,
    int TruePositives,
    int FalseNegatives,
    int FalseAlarms,
    double Precision,
    double Recall,
    double F1,
    double FalseAlarmsPerPhraseHour,
    double? LatencyMedianMs,
    double? LatencyP95Ms,
    double? CpuPerAudioSecond,
    IReadOnlyList<EvalPhraseFigures> Phrases)
{
    public static EvalFigures From(CorpusSet set, string run, SetScore score, int files, EvalRun? timing)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(score);
        var o = score.Overall;
        return new EvalFigures(
            set.Name,
            set.Band,
            run,
            files,
            score.Hours,
            o.TruePositives,
            o.FalseNegatives,
            o.FalseAlarms,
            o.Precision,
            o.Recall,
            o.F1,
            score.FalseAlarmsPerPhraseHour,
            score.LatencyMedian * 1000,
            score.LatencyP95 * 1000,
            timing?.CpuPerAudioSecond,
            [.. score.Phrases.Select(p => new EvalPhraseFigures(p.Phrase, p.TruePositives, p.FalseNegatives, p.FalseAlarms, p.Precision, p.Recall, p.F1, score.FalseAlarmsPerHour(p)))]);
    }
}
