namespace EdgeCc.Agent.Analysis;

/// <summary>Sentiment of a call: the call as a whole and each leg (a leg's timeline holds only that party's reasons).</summary>
public sealed record SentimentResult(SentimentTimeline Call, SentimentTimeline Agent, SentimentTimeline Customer);
