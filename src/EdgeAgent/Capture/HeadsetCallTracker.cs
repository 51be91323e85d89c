using System.Globalization;
using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Audio;
using EdgeCc.Agent.Telephony;

namespace EdgeCc.Agent.Capture;

/// <summary>
/// Turns one desk's 16 kHz audio, hook switch and mute into calls for analysis: CallStarted, the
/// Agent (and Customer) frames, CallEnded. Audio comes from the capture thread and hook/mute
/// from the HID thread; one lock keeps a call's events in order with its frames. Offsets are
/// counted in samples, so they line up with the audio even when delivery is bursty.
/// </summary>
internal sealed class HeadsetCallTracker
{
    public const int SampleRate = 16_000;
    public const string Source = "headset";

    private readonly Lock _gate = new();
    private readonly string _desk;
    private readonly string? _agentId;
    private readonly ICallInputSink _sink;
    private readonly TimeProvider _time;
    private readonly long _silenceGapSamples;
    private readonly double _voiceThresholdDbfs;
    private string? _callId;
    private long _callSamples;
    private long _samplesSinceVoice;
    private int _callSequence;
    private long _framesSent;
    private long _framesSuppressed;

    public HeadsetCallTracker(string desk, string? agentId, ICallInputSink sink, TimeProvider time, TimeSpan silenceGap, double voiceThresholdDbfs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(desk);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(time);
        _desk = desk;
        _agentId = agentId;
        _sink = sink;
        _time = time;
        _silenceGapSamples = (long)(silenceGap.TotalSeconds * SampleRate);
        _voiceThresholdDbfs = voiceThresholdDbfs;
    }

    /// <summary>Raised under the tracker's lock after a hook, mute or call change, so observers see it in order with frames.</summary>
    public event Action<HeadsetCallTracker>? StateChanged;

    public HeadsetCallBoundary Boundary { get; private set; } = HeadsetCallBoundary.Voice;

    public string? CallId
    {
        get
        {
            lock (_gate)
            {
                return _callId;
            }
        }
    }

    public bool? OffHook { get; private set; }

    public bool Muted { get; private set; }

    public long FramesSent => Interlocked.Read(ref _framesSent);

    /// <summary>Agent frames withheld because the headset was muted.</summary>
    public long FramesSuppressed => Interlocked.Read(ref _framesSuppressed);

    /// <summary>Switches to hook-switch boundaries (a HID telephony collection was found) or back to voice.</summary>
    public void UseBoundary(HeadsetCallBoundary boundary, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Boundary == boundary)
            {
                return;
            }

            EndCallLocked("boundary-changed", cancellationToken);
            Boundary = boundary;
            OffHook = boundary == HeadsetCallBoundary.HookSwitch ? false : null;
            StateChanged?.Invoke(this);
        }
    }

    /// <summary>One block of 16 kHz audio: the agent's mic and, when the desk has one, the customer channel (else empty).</summary>
    public void OnAudio(ReadOnlySpan<short> agent, ReadOnlySpan<short> customer, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var length = Math.Max(agent.Length, customer.Length);
            if (length == 0)
            {
                return;
            }

            if (Boundary == HeadsetCallBoundary.Voice)
            {
                // Muted audio is not looked at, not even to find speech.
                var voiced = (!Muted && HeadsetEnergyVad.IsVoiced(agent, _voiceThresholdDbfs))
                    || HeadsetEnergyVad.IsVoiced(customer, _voiceThresholdDbfs);
                if (_callId is null)
                {
                    if (!voiced)
                    {
                        return;
                    }

                    StartCallLocked(cancellationToken);
                }

                _samplesSinceVoice = voiced ? 0 : _samplesSinceVoice + length;
            }
            else if (_callId is null)
            {
                return;
            }

            var offset = TimeSpan.FromTicks(_callSamples * TimeSpan.TicksPerSecond / SampleRate);
            if (!agent.IsEmpty)
            {
                if (Muted)
                {
                    Interlocked.Increment(ref _framesSuppressed);
                }
                else
                {
                    Write(CallInput.Of(new AudioFrame(_callId!, Leg.Agent, offset, agent.ToArray(), SampleRate)), cancellationToken);
                    Interlocked.Increment(ref _framesSent);
                }
            }

            if (!customer.IsEmpty)
            {
                Write(CallInput.Of(new AudioFrame(_callId!, Leg.Customer, offset, customer.ToArray(), SampleRate)), cancellationToken);
                Interlocked.Increment(ref _framesSent);
            }

            _callSamples += length;
            if (Boundary == HeadsetCallBoundary.Voice && _samplesSinceVoice >= _silenceGapSamples)
            {
                EndCallLocked("silence", cancellationToken);
            }
        }
    }

    /// <summary>The hook switch changed: off-hook starts a call, on-hook ends it.</summary>
    public void OnHook(bool offHook, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            OffHook = offHook;
            if (Boundary == HeadsetCallBoundary.HookSwitch)
            {
                if (offHook && _callId is null)
                {
                    StartCallLocked(cancellationToken);
                }
                else if (!offHook)
                {
                    EndCallLocked("hangup", cancellationToken);
                }
            }

            StateChanged?.Invoke(this);
        }
    }

    public void OnMute(bool muted)
    {
        lock (_gate)
        {
            Muted = muted;
            StateChanged?.Invoke(this);
        }
    }

    /// <summary>Ends the current call, if any, with <paramref name="reason"/> (unplugged, shutdown).</summary>
    public void EndCall(string reason, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            EndCallLocked(reason, cancellationToken);
            if (reason == "unplugged")
            {
                // A replugged headset starts on-hook and unmuted, whatever it was before.
                OffHook = Boundary == HeadsetCallBoundary.HookSwitch ? false : null;
                Muted = false;
            }

            StateChanged?.Invoke(this);
        }
    }

    private void StartCallLocked(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        _callSequence++;
        _callId = string.Create(CultureInfo.InvariantCulture, $"headset-{_desk}-{now:yyyyMMddTHHmmssfff}-{_callSequence}");
        _callSamples = 0;
        _samplesSinceVoice = 0;
        Write(CallInput.Of(new CallStarted(_callId, now, _agentId, Source)), cancellationToken);
        StateChanged?.Invoke(this);
    }

    private void EndCallLocked(string reason, CancellationToken cancellationToken)
    {
        if (_callId is null)
        {
            return;
        }

        var offset = TimeSpan.FromTicks(_callSamples * TimeSpan.TicksPerSecond / SampleRate);
        var callId = _callId;
        _callId = null;
        Write(CallInput.Of(new CallEnded(callId, _time.GetUtcNow(), offset, reason)), cancellationToken);
    }

    private void Write(CallInput input, CancellationToken cancellationToken)
    {
        // Called on the capture or HID thread, never on the thread pool: waiting here is
        // back-pressure, and a capture that falls behind shows up as counted overruns.
        var pending = _sink.WriteAsync(input, cancellationToken);
        if (!pending.IsCompletedSuccessfully)
        {
            pending.AsTask().GetAwaiter().GetResult();
        }
    }
}
