namespace EdgeCc.Agent.Analysis;

/// <summary>
/// A call's live signals for the floor, sent about once a second of call audio: how agitated
/// the customer sounds (0 calm .. 1 agitated, against their own baseline) and how long neither
/// party has spoken (dead air).
/// </summary>
public sealed record CallSignals(string CallId, TimeSpan Offset, double CustomerArousal, TimeSpan SilentFor);
