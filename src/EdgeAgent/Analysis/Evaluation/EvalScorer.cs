namespace EdgeCc.Agent.Analysis.Evaluation;

/// <summary>
/// CORPUS-FORMAT.md's matching rule. Per file and phrase, detections in order of their start each match the first
/// still unmatched occurrence of their phrase whose [start - 0.5 s, end + 0.5 s] overlaps the detection's
/// [start, end]; any other detection is a false alarm, and occurrences left unmatched are misses. Where an
/// occurrence has no times (a real recording without alignment) the phrase is scored by count in that file:
/// min(expected, detected) hits.
/// </summary>
internal static class EvalScorer
{
    /// <summary>How far outside the labelled phrase a detection may lie and still be that phrase (seconds).</summary>
    public const double Tolerance = 0.5;

    /// <param name="outcomes">When given, gets every detection of a listed phrase with the index of its item and whether it matched.</param>
    public static SetScore Score(IReadOnlyList<string> phrases, IEnumerable<ScoredItem> items, List<(int Item, EvalDetection Detection, bool Matched)>? outcomes = null)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        ArgumentNullException.ThrowIfNull(items);
        var keys = new string[phrases.Count];
        var tallies = new PhraseTally[phrases.Count];
        for (var p = 0; p < phrases.Count; p++)
        {
            keys[p] = PronunciationDictionary.Normalize(phrases[p]);
            tallies[p] = new PhraseTally(phrases[p], 0, 0, 0);
        }

        var latencies = new List<double>();
        var seconds = 0.0;
        var expected = new List<LabelledPhrase>();
        var detected = new List<EvalDetection>();
        var matched = outcomes is null ? null : new List<bool>();
        var index = 0;
        foreach (var item in items)
        {
            seconds += item.Seconds;
            for (var p = 0; p < keys.Length; p++)
            {
                Select(item, keys[p], expected, detected);
                matched?.Clear();
                tallies[p] = tallies[p].Add(Match(expected, detected, latencies, matched));
                for (var d = 0; matched is not null && d < detected.Count; d++)
                {
                    outcomes!.Add((index, detected[d], matched[d]));
                }
            }

            index++;
        }

        var overall = new PhraseTally("overall", 0, 0, 0);
        foreach (var tally in tallies)
        {
            overall = overall.Add(tally);
        }

        return new SetScore(tallies, overall, seconds, latencies);
    }

    /// <summary>Scores one phrase in one file; latencies of matched detections that carry a report time are appended.</summary>
    /// <param name="matched">When given, gets whether each detection (in the order given) matched.</param>
    public static PhraseTally Match(IReadOnlyList<LabelledPhrase> expected, IReadOnlyList<EvalDetection> detected, List<double> latencies, List<bool>? matched = null)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(detected);
        ArgumentNullException.ThrowIfNull(latencies);
        var timed = true;
        foreach (var e in expected)
        {
            timed &= e.HasTimes;
        }

        if (!timed)
        {
            var hits = Math.Min(expected.Count, detected.Count);
            for (var d = 0; matched is not null && d < detected.Count; d++)
            {
                matched.Add(d < hits);
            }

            return new PhraseTally("", hits, expected.Count - hits, detected.Count - hits);
        }

        var taken = new bool[expected.Count];
        int tp = 0, fa = 0;
        foreach (var d in detected)
        {
            var found = -1;
            for (var j = 0; j < expected.Count && found < 0; j++)
            {
                if (!taken[j] && d.Start <= expected[j].End!.Value + Tolerance && d.End >= expected[j].Start!.Value - Tolerance)
                {
                    found = j;
                }
            }

            matched?.Add(found >= 0);
            if (found < 0)
            {
                fa++;
                continue;
            }

            taken[found] = true;
            tp++;
            if (d.ReportedAt is { } reported)
            {
                latencies.Add(reported - expected[found].End!.Value);
            }
        }

        return new PhraseTally("", tp, expected.Count - tp, fa);
    }

    private static void Select(ScoredItem item, string key, List<LabelledPhrase> expected, List<EvalDetection> detected)
    {
        expected.Clear();
        detected.Clear();
        foreach (var e in item.Expected)
        {
            if (PronunciationDictionary.Normalize(e.Text) == key)
            {
                expected.Add(e);
            }
        }

        foreach (var d in item.Detections)
        {
            if (PronunciationDictionary.Normalize(d.Phrase) == key)
            {
                detected.Add(d);
            }
        }

        // Stable: reports of one start keep the spotter's order.
        var ordered = detected.OrderBy(d => d.Start).ToList();
        detected.Clear();
        detected.AddRange(ordered);
    }
}
