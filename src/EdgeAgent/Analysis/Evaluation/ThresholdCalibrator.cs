namespace EdgeCc.Agent.Analysis.Evaluation;

/// <summary>
/// Picks a phrase's keyword threshold from one permissive run: a detection with margin M is reported at threshold T
/// when M >= T, so every threshold's detections are a filter of the permissive run's, scored with
/// <see cref="EvalScorer"/>. The pick maximises hits under the false-alarm budget (false alarms per hour of the
/// calibration audio), then minimises false alarms; among thresholds that score exactly the same it takes the
/// middle one, so a margin that moves a little on unseen audio does not cross it.
/// </summary>
/// <remarks>
/// The filter is an estimate: at a stricter threshold PocketSphinx can report a phrase at a slightly different
/// frame, and a weak report no longer masks an overlapping one. That is why <c>edgecc eval --calibrate</c> runs the
/// corpus again with the picked thresholds and prints that run.
/// </remarks>
internal static class ThresholdCalibrator
{
    public const int Strictest = 0;

    /// <param name="phrase">The phrase (its detections are selected by text).</param>
    /// <param name="items">The calibration files; their detections must carry margins from a run at <paramref name="loosest"/> or looser.</param>
    /// <param name="budgetPerHour">False alarms allowed per hour of <paramref name="items"/>' audio.</param>
    /// <param name="loosest">The most permissive threshold to consider (that of the permissive run).</param>
    /// <param name="unspoken">
    /// The threshold to keep when the phrase is never spoken in <paramref name="items"/> (nothing to gain recall on):
    /// kept if it meets the budget there, else the loosest one that does.
    /// </param>
    public static ThresholdChoice Choose(string phrase, IReadOnlyList<ScoredItem> items, double budgetPerHour, int loosest, int? unspoken = null)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(loosest, Strictest);
        ArgumentOutOfRangeException.ThrowIfNegative(budgetPerHour);
        var seconds = 0.0;
        foreach (var item in items)
        {
            seconds += item.Seconds;
        }

        var hours = seconds / 3600;
        var tallies = new PhraseTally[Strictest - loosest + 1];
        for (var t = loosest; t <= Strictest; t++)
        {
            tallies[t - loosest] = ScoreAt(phrase, items, t);
        }

        PhraseTally? best = null;
        foreach (var tally in tallies)
        {
            if (tally.FalseAlarms <= (budgetPerHour * hours) + 1e-9 && (best is null || Better(tally, best)))
            {
                best = tally;
            }
        }

        if (best is null)
        {
            return new ThresholdChoice(phrase, Strictest, tallies[^1], seconds, WithinBudget: false);
        }

        if (best.Expected == 0 && unspoken is { } keep)
        {
            var within = loosest;
            while (tallies[within - loosest].FalseAlarms > (budgetPerHour * hours) + 1e-9)
            {
                within++;
            }

            var kept = Math.Clamp(Math.Max(keep, within), loosest, Strictest);
            return new ThresholdChoice(phrase, kept, tallies[kept - loosest], seconds, WithinBudget: true);
        }

        var same = new List<int>();
        for (var t = loosest; t <= Strictest; t++)
        {
            var tally = tallies[t - loosest];
            if (tally.TruePositives == best.TruePositives && tally.FalseAlarms == best.FalseAlarms)
            {
                same.Add(t);
            }
        }

        // Upper middle: of two, the stricter.
        var threshold = same[same.Count / 2];
        return new ThresholdChoice(phrase, threshold, tallies[threshold - loosest], seconds, WithinBudget: true);
    }

    /// <summary>What the permissive run's detections of <paramref name="phrase"/> score when only those with margin >= <paramref name="threshold"/> count.</summary>
    public static PhraseTally ScoreAt(string phrase, IReadOnlyList<ScoredItem> items, int threshold)
    {
        ArgumentNullException.ThrowIfNull(items);
        var filtered = new List<ScoredItem>(items.Count);
        foreach (var item in items)
        {
            filtered.Add(item with { Detections = Filter(item.Detections, threshold) });
        }

        return EvalScorer.Score([phrase], filtered).Overall with { Phrase = phrase };
    }

    /// <summary>The detections a run at <paramref name="threshold"/> would have kept (those without a margin are kept).</summary>
    public static List<EvalDetection> Filter(IReadOnlyList<EvalDetection> detections, int threshold)
    {
        ArgumentNullException.ThrowIfNull(detections);
        var kept = new List<EvalDetection>(detections.Count);
        foreach (var d in detections)
        {
            if (d.Margin is not { } margin || margin >= threshold)
            {
                kept.Add(d);
            }
        }

        return kept;
    }

    private static bool Better(PhraseTally candidate, PhraseTally best)
        => candidate.TruePositives > best.TruePositives
            || (candidate.TruePositives == best.TruePositives && candidate.FalseAlarms < best.FalseAlarms);
}
