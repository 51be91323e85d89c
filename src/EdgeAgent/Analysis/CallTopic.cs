namespace EdgeCc.Agent.Analysis;

/// <summary>A phrase category heard in a call and how often: what central counts calls by ("log in", churn, ...).</summary>
public sealed record CallTopic(string Category, int Count);
