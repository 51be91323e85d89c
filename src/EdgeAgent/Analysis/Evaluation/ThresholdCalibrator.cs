namespace EdgeCc.Agent.Analysis.Evaluation;

/// <summary>
/// Picks keyword thresholds from one permissive run: a detection with margin M is reported at threshold T when M >= T,
/// so every threshold's detections are a filter of the permissive run's, scored with <see cref="EvalScorer"/>.
/// <para>
/// The false-alarm budget is per phrase per hour, pooled over the phrases of a band but held on each corpus set
/// (<see cref="ScoredItem.Set"/>): N phrases calibrated on H hours of a set may raise budget x N x H false alarms
/// there between them. A budget per phrase would allow none at all on a corpus of less than an hour per phrase, and
/// the cost a floor sees is the total (the rate the eval's overall line reports); a budget pooled over sets would let
/// quiet audio pay for a noisy floor's false alarms.
/// Starting from each phrase's fewest false alarms, the loosening that buys the most hits per added false alarm is
/// taken while the pool lasts. Among thresholds that score exactly the same a phrase takes the middle one, so a
/// margin that moves a little on unseen audio does not cross it.
/// </para>
/// </summary>
/// <remarks>
/// The margin filtered on is each detection's best (<see cref="SpottedPhrase.BestMargin"/>): PocketSphinx improves a
/// detection in place after its first report, and a stricter spotter reports it once it beats the threshold, so a
/// filter on the first report's margin underestimated what stricter runs find (on the noisy wideband calibration
/// half: 0.78 false alarms per phrase per hour estimated, 1.95 in the real run). With the best margin the estimate
/// and the real run had the same false alarms on every set's calibration half. It stays an estimate: at a stricter
/// threshold a weak detection no longer chains an overlapping one to itself, and overlapping phrases compete
/// (<see cref="AnalysisOptions.BestOfOverlappingPhrases"/>). That is why <c>edgecc eval --calibrate</c> runs the
/// corpus again with the picked thresholds and prints that run.
/// </remarks>
internal static class ThresholdCalibrator
{
    public const int Strictest = Phrase.StrictestThreshold;

    /// <summary>One phrase alone: <see cref="ChooseTogether"/> with a pool of its own.</summary>
    public static ThresholdChoice Choose(string phrase, IReadOnlyList<ScoredItem> items, double budgetPerHour, int loosest, int configured = Strictest)
        => ChooseTogether([new CalibrationInput(phrase, items, configured)], budgetPerHour, loosest)[0];

    /// <param name="phrases">The phrases of one band with their calibration files.</param>
    /// <param name="budgetPerHour">False alarms allowed per phrase per hour of each phrase's calibration audio.</param>
    /// <param name="loosest">The most permissive threshold to consider (that of the permissive run).</param>
    /// <returns>A choice per phrase, in order; <see cref="ThresholdChoice.WithinBudget"/> tells whether the pool held.</returns>
    public static List<ThresholdChoice> ChooseTogether(IReadOnlyList<CalibrationInput> phrases, double budgetPerHour, int loosest)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(loosest, Strictest);
        ArgumentOutOfRangeException.ThrowIfNegative(budgetPerHour);
        var count = phrases.Count;
        var sets = phrases.SelectMany(p => p.Items).Select(i => i.Set).Distinct(StringComparer.Ordinal).ToList();
        var tallies = new PhraseTally[count][];
        var alarms = new int[count][][];
        var seconds = new double[count][];
        var at = new int[count];
        var pools = new double[sets.Count];
        var spent = new int[sets.Count];
        for (var i = 0; i < count; i++)
        {
            var input = phrases[i];
            var bySet = sets.Select(set => input.Items.Where(item => item.Set == set).ToList()).ToList();
            seconds[i] = [.. bySet.Select(items => items.Sum(item => item.Seconds))];
            tallies[i] = new PhraseTally[Strictest - loosest + 1];
            alarms[i] = new int[tallies[i].Length][];
            for (var t = loosest; t <= Strictest; t++)
            {
                var total = new PhraseTally(input.Phrase, 0, 0, 0);
                alarms[i][t - loosest] = new int[sets.Count];
                for (var s = 0; s < sets.Count; s++)
                {
                    var tally = ScoreAt(input.Phrase, bySet[s], t);
                    alarms[i][t - loosest][s] = tally.FalseAlarms;
                    total = total.Add(tally);
                }

                tallies[i][t - loosest] = total;
            }

            at[i] = Start(tallies[i], ConfiguredIndex(input, loosest));
            for (var s = 0; s < sets.Count; s++)
            {
                pools[s] += budgetPerHour * seconds[i][s] / 3600;
                spent[s] += alarms[i][at[i]][s];
            }
        }

        while (BestLoosening(tallies, alarms, at, pools, spent) is { } move)
        {
            for (var s = 0; s < sets.Count; s++)
            {
                spent[s] += alarms[move.Phrase][move.To][s] - alarms[move.Phrase][at[move.Phrase]][s];
            }

            at[move.Phrase] = move.To;
        }

        var within = spent.Zip(pools).All(p => p.First <= p.Second + 1e-9);
        var choices = new List<ThresholdChoice>(count);
        for (var i = 0; i < count; i++)
        {
            // A phrase with no hit to keep (never spoken, or never found within the pool) has taught nothing: it keeps
            // its configured threshold unless that adds false alarms.
            var tally = tallies[i][at[i]];
            var threshold = tally.TruePositives == 0 ? Quiet(tallies[i], ConfiguredIndex(phrases[i], loosest)) : Middle(tallies[i], alarms[i], at[i], strictest: !within);
            choices.Add(new ThresholdChoice(phrases[i].Phrase, threshold + loosest, tallies[i][threshold], seconds[i].Sum(), within)
            {
                BySet = sets.Select((set, s) => (set, s)).ToDictionary(p => p.set, p => (alarms[i][threshold][p.s], seconds[i][p.s]), StringComparer.Ordinal),
            });
        }

        return choices;
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

    private static int ConfiguredIndex(CalibrationInput input, int loosest) => Math.Clamp(input.Configured, loosest, Strictest) - loosest;

    /// <summary>The configured threshold (index <paramref name="configured"/>) when it has the fewest false alarms, else the loosest that has.</summary>
    private static int Quiet(PhraseTally[] tallies, int configured)
    {
        var fewest = tallies.Min(t => t.FalseAlarms);
        return tallies[configured].FalseAlarms == fewest ? configured : Array.FindIndex(tallies, t => t.FalseAlarms == fewest);
    }

    /// <summary>Where a phrase starts: its fewest false alarms with the most hits there (a phrase never spoken: <see cref="Quiet"/>).</summary>
    private static int Start(PhraseTally[] tallies, int configured)
    {
        if (tallies[0].Expected == 0)
        {
            return Quiet(tallies, configured);
        }

        var fewest = tallies.Min(t => t.FalseAlarms);
        var start = -1;
        for (var t = 0; t < tallies.Length; t++)
        {
            if (tallies[t].FalseAlarms == fewest && (start < 0 || tallies[t].TruePositives > tallies[start].TruePositives))
            {
                start = t;
            }
        }

        return start;
    }

    /// <summary>
    /// The threshold change that gains hits at the least false alarms per hit and keeps every set within its pool
    /// (or adds none to a set already over it); null when none does.
    /// </summary>
    private static (int Phrase, int To)? BestLoosening(PhraseTally[][] tallies, int[][][] alarms, int[] at, double[] pools, int[] spent)
    {
        (int Phrase, int To)? best = null;
        var bestHits = 0;
        var bestCost = 0;
        for (var i = 0; i < tallies.Length; i++)
        {
            var from = tallies[i][at[i]];
            for (var t = 0; t < tallies[i].Length; t++)
            {
                var hits = tallies[i][t].TruePositives - from.TruePositives;
                if (hits <= 0 || !Affordable(alarms[i][at[i]], alarms[i][t], pools, spent))
                {
                    continue;
                }

                // Fewer false alarms per hit first (cross-multiplied: costs can be 0 or negative), then more hits.
                var cost = tallies[i][t].FalseAlarms - from.FalseAlarms;
                var order = best is null ? -1 : ((long)cost * bestHits).CompareTo((long)bestCost * hits);
                if (order < 0 || (order == 0 && hits > bestHits))
                {
                    best = (i, t);
                    bestHits = hits;
                    bestCost = cost;
                }
            }
        }

        return best;
    }

    private static bool Affordable(int[] from, int[] to, double[] pools, int[] spent)
    {
        for (var s = 0; s < pools.Length; s++)
        {
            var added = to[s] - from[s];
            if (added > 0 && spent[s] + added > pools[s] + 1e-9)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The middle (of two, the stricter) of the thresholds that score exactly what index <paramref name="at"/> does on
    /// every set, or the strictest of them when the budget is broken anyway.
    /// </summary>
    private static int Middle(PhraseTally[] tallies, int[][] alarms, int at, bool strictest)
    {
        var same = new List<int>();
        for (var t = 0; t < tallies.Length; t++)
        {
            if (tallies[t].TruePositives == tallies[at].TruePositives && alarms[t].AsSpan().SequenceEqual(alarms[at]))
            {
                same.Add(t);
            }
        }

        return strictest ? same[^1] : same[same.Count / 2];
    }
}
