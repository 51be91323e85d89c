namespace EdgeCc.Agent.Analysis.Evaluation;

/// <summary>Counts for one phrase (or a whole set): hits, misses and false alarms, and the figures made of them.</summary>
internal sealed record PhraseTally(string Phrase, int TruePositives, int FalseNegatives, int FalseAlarms)
{
    public int Expected => TruePositives + FalseNegatives;

    public int Detected => TruePositives + FalseAlarms;

    /// <summary>1 when nothing was detected (no detection was wrong).</summary>
    public double Precision => Detected == 0 ? 1 : (double)TruePositives / Detected;

    /// <summary>1 when nothing was expected (nothing was missed).</summary>
    public double Recall => Expected == 0 ? 1 : (double)TruePositives / Expected;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public PhraseTally Add(PhraseTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return this with
        {
            TruePositives = TruePositives + other.TruePositives,
            FalseNegatives = FalseNegatives + other.FalseNegatives,
            FalseAlarms = FalseAlarms + other.FalseAlarms,
        };
    }
}
