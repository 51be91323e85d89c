namespace EdgeCc.Agent.Analysis.Evaluation;

/// <summary>
/// The threshold calibration picked for one phrase in one band, with what it scored on the calibration audio.
/// <see cref="WithinBudget"/> is false when even the strictest thresholds had more false alarms than the pooled budget.
/// </summary>
internal sealed record ThresholdChoice(string Phrase, int Threshold, PhraseTally Tally, double AudioSeconds, bool WithinBudget)
{
    public double FalseAlarmsPerHour => AudioSeconds <= 0 ? 0 : Tally.FalseAlarms / (AudioSeconds / 3600);
}
