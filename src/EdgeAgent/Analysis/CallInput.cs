using EdgeCc.Agent.Audio;
using EdgeCc.Agent.Telephony;

namespace EdgeCc.Agent.Analysis;

/// <summary>
/// What a source hands to analysis: a frame of audio or a call event, exactly one of them.
/// Both travel in one queue so a call's events stay in order with its audio (a call's end is
/// only handled after its last frame has been analysed).
/// </summary>
public readonly record struct CallInput
{
    private CallInput(AudioFrame? frame, CallEvent? callEvent)
    {
        Frame = frame;
        Event = callEvent;
    }

    public AudioFrame? Frame { get; }

    public CallEvent? Event { get; }

    public string CallId => Frame?.CallId ?? Event!.CallId;

    public static CallInput Of(AudioFrame frame) => new(frame ?? throw new ArgumentNullException(nameof(frame)), null);

    public static CallInput Of(CallEvent callEvent) => new(null, callEvent ?? throw new ArgumentNullException(nameof(callEvent)));
}
