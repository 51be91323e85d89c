namespace EdgeCc.Agent.Analysis.Evaluation;

/// <summary>
/// One phrase to calibrate: its calibration files (detections from the permissive run) and its configured threshold,
/// kept when the phrase is never spoken in them (nothing to gain recall on) as long as it adds no false alarm.
/// </summary>
internal sealed record CalibrationInput(string Phrase, IReadOnlyList<ScoredItem> Items, int Configured);
