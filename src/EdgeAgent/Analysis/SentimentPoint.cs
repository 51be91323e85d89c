namespace EdgeCc.Agent.Analysis;

/// <summary>The live score (-1..+1, see docs/sentiment.md) right after <see cref="Reason"/> was taken in.</summary>
public sealed record SentimentPoint(TimeSpan At, double Score, SentimentReason Reason);
