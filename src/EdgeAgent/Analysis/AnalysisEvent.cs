using EdgeCc.Agent.Telephony;

namespace EdgeCc.Agent.Analysis;

/// <summary>
/// What analysis tells the floor: a detection, a call event or a call's live signals, exactly
/// one of them, in one queue so that a call's last detections are never overtaken by its end.
/// </summary>
public readonly record struct AnalysisEvent
{
    private AnalysisEvent(Detection? detection, CallEvent? callEvent, CallSignals? signals)
    {
        Detection = detection;
        Event = callEvent;
        Signals = signals;
    }

    public Detection? Detection { get; }

    public CallEvent? Event { get; }

    public CallSignals? Signals { get; }

    public static AnalysisEvent Of(Detection detection) => new(detection ?? throw new ArgumentNullException(nameof(detection)), null, null);

    public static AnalysisEvent Of(CallEvent callEvent) => new(null, callEvent ?? throw new ArgumentNullException(nameof(callEvent)), null);

    public static AnalysisEvent Of(CallSignals signals) => new(null, null, signals ?? throw new ArgumentNullException(nameof(signals)));
}
