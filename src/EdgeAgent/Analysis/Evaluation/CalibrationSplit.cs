namespace EdgeCc.Agent.Analysis.Evaluation;

/// <summary>
/// Which half of a set each file belongs to: 0 calibrates thresholds, 1 is held out to report them honestly. When
/// the set has two voices or more, by voice (the voices in ordinal order, alternately), so the held-out half is
/// voices the thresholds never heard; otherwise by even/odd position in the set.
/// </summary>
internal static class CalibrationSplit
{
    public const int Calibration = 0;
    public const int HeldOut = 1;

    public static int[] Halves(CorpusSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var voices = set.Items.Select(i => i.Voice ?? "").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var halves = new int[set.Items.Count];
        for (var i = 0; i < halves.Length; i++)
        {
            halves[i] = voices.Count >= 2 ? voices.IndexOf(set.Items[i].Voice ?? "") % 2 : i % 2;
        }

        return halves;
    }

    /// <summary>The voices of one half, for the report.</summary>
    public static List<string> Voices(CorpusSet set, int half)
    {
        ArgumentNullException.ThrowIfNull(set);
        var halves = Halves(set);
        return [.. set.Items.Where((_, i) => halves[i] == half).Select(i => i.Voice ?? "?").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }
}
