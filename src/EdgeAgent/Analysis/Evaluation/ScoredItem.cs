namespace EdgeCc.Agent.Analysis.Evaluation;

/// <summary>One corpus file to score: what is spoken in it, what a spotter reported, how long it is, and its set.</summary>
internal sealed record ScoredItem(IReadOnlyList<LabelledPhrase> Expected, IReadOnlyList<EvalDetection> Detections, double Seconds, string Set = "");
