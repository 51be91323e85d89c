namespace EdgeCc.Agent.Analysis;

/// <summary>What the signal side of analysis says about a finished call (see <see cref="SignalCallAnalyzer"/>).</summary>
public sealed record SignalCallResult(
    TalkSummary Talk,
    SentimentResult Sentiment,
    ProsodySnapshot AgentProsody,
    ProsodySnapshot CustomerProsody,
    double AgentPeakArousal,
    double CustomerPeakArousal,
    long RejectedFrames);
