namespace EdgeCc.Agent.Analysis.Evaluation;

/// <summary>
/// The threshold calibration picked for one phrase in one band, with what it scored on the calibration audio, in
/// total and per corpus set. <see cref="WithinBudget"/> is false when even the strictest thresholds had more false
/// alarms on some set than that set's pooled budget.
/// </summary>
internal sealed record ThresholdChoice(string Phrase, int Threshold, PhraseTally Tally, double AudioSeconds, bool WithinBudget)
{
    public double FalseAlarmsPerHour => AudioSeconds <= 0 ? 0 : Tally.FalseAlarms / (AudioSeconds / 3600);

    /// <summary>Per set of the calibration audio: its false alarms at <see cref="Threshold"/> and its seconds.</summary>
    public IReadOnlyDictionary<string, (int FalseAlarms, double Seconds)> BySet { get; init; } = new Dictionary<string, (int, double)>();
}
