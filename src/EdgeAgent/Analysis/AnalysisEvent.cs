using EdgeCc.Agent.Telephony;

namespace EdgeCc.Agent.Analysis;

/// <summary>
/// What analysis tells the floor: a detection or a call event, exactly one of them, in one
/// queue so that a call's last detections are never overtaken by its end.
/// </summary>
public readonly record struct AnalysisEvent
{
    private AnalysisEvent(Detection? detection, CallEvent? callEvent)
    {
        Detection = detection;
        Event = callEvent;
    }

    public Detection? Detection { get; }

    public CallEvent? Event { get; }

    public static AnalysisEvent Of(Detection detection) => new(detection ?? throw new ArgumentNullException(nameof(detection)), null);

    public static AnalysisEvent Of(CallEvent callEvent) => new(null, callEvent ?? throw new ArgumentNullException(nameof(callEvent)));
}
