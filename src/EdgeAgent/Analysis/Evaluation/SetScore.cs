namespace EdgeCc.Agent.Analysis.Evaluation;

/// <summary>
/// The figures of one spotter on one set (or part of it): a tally per listed phrase, their sum, the audio scored,
/// and the latencies (seconds from the labelled end to the report) of matched detections that had a report time.
/// </summary>
internal sealed record SetScore(IReadOnlyList<PhraseTally> Phrases, PhraseTally Overall, double AudioSeconds, IReadOnlyList<double> Latencies)
{
    public double Hours => AudioSeconds / 3600;

    /// <summary>False alarms / (phrase count x hours of audio), CORPUS-FORMAT.md's figure.</summary>
    public double FalseAlarmsPerPhraseHour => Phrases.Count == 0 || AudioSeconds <= 0 ? 0 : Overall.FalseAlarms / (Phrases.Count * Hours);

    public double FalseAlarmsPerHour(PhraseTally phrase)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        return AudioSeconds <= 0 ? 0 : phrase.FalseAlarms / Hours;
    }

    public double? LatencyMedian => Percentile(0.5);

    public double? LatencyP95 => Percentile(0.95);

    /// <summary>Nearest-rank percentile (the smallest latency with at least <paramref name="fraction"/> of them at or below it).</summary>
    public double? Percentile(double fraction)
    {
        if (Latencies.Count == 0)
        {
            return null;
        }

        var sorted = new double[Latencies.Count];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = Latencies[i];
        }

        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(fraction * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
