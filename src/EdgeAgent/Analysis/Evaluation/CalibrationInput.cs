namespace EdgeCc.Agent.Analysis.Evaluation;

/// <summary>
/// One phrase to calibrate: its calibration files (detections from the permissive run) and its configured threshold,
/// kept when no threshold within the budget finds the phrase in them (nothing learned) as long as it adds no false alarm.
/// </summary>
internal sealed record CalibrationInput(string Phrase, IReadOnlyList<ScoredItem> Items, int Configured);
