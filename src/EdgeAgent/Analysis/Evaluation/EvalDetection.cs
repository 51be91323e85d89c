namespace EdgeCc.Agent.Analysis.Evaluation;

/// <summary>
/// A phrase a spotter reported in a corpus file, in seconds from the file's start. <see cref="ReportedAt"/> is the
/// audio position of the file when the spotter returned it (null when unknown, e.g. the CLI's batch output), so
/// <c>ReportedAt - labelled end</c> is the detection latency the audio path itself causes. <see cref="Margin"/> is
/// the best log10 margin the detection reached (see <see cref="SpottedPhrase.BestMargin"/>), when known; <see cref="Noisy"/>
/// whether the leg counted as noisy then (so calibration knows which of the phrase's thresholds it is evidence for).
/// </summary>
internal sealed record EvalDetection(string Phrase, double Start, double End, double? ReportedAt = null, double? Margin = null, bool Noisy = false);
