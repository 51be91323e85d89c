using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Audio;
using EdgeCc.Agent.Capture;

namespace EdgeCc.Agent.Telephony;

/// <summary>
/// One RTP source (SSRC) from one address to another, on one leg of one call: statistics,
/// jitter buffer, decoder and the frames it emits. Frame timestamps come from RTP
/// timestamps (offset of the stream's first packet from call start, plus elapsed RTP time),
/// so silence suppression and loss stay visible as gaps.
/// </summary>
internal sealed class RtpStream
{
    private const int MaxConcealedPackets = 5;
    private const int UnknownPayloadType = -1;

    private readonly TrackedCall _call;
    private readonly TelephonyCounters _counters;
    private readonly JitterBuffer _buffer;
    private readonly int _bufferMilliseconds;
    private G722Decoder? _g722;
    private int _cachedPayloadType = UnknownPayloadType;
    private RtpCodec _cachedCodec;
    private int _cachedClock = 8000;
    private bool _started;
    private long _highestSequence;
    private long _referenceTimestamp;
    private long _firstTimestamp;
    private TimeSpan _startOffset;
    private long _lastEventTimestamp = long.MinValue;
    private short[]? _lastPcm;
    private long _nextTimestamp;
    private int _lastSampleRate = 8000;
    private bool _undecodableCounted;

    public RtpStream(TrackedCall call, Leg leg, NetEndpoint source, NetEndpoint destination, uint ssrc, TelephonyCounters counters, int bufferMilliseconds)
    {
        _call = call;
        _counters = counters;
        Leg = leg;
        Source = source;
        Destination = destination;
        Ssrc = ssrc;
        _bufferMilliseconds = bufferMilliseconds;
        _buffer = new JitterBuffer((bufferMilliseconds + call.PacketTimeMilliseconds - 1) / Math.Max(1, call.PacketTimeMilliseconds));
    }

    public TrackedCall Call => _call;

    public Leg Leg { get; }

    public NetEndpoint Source { get; }

    public NetEndpoint Destination { get; }

    public uint Ssrc { get; }

    public RtpStatistics Statistics { get; } = new();

    public int MainPayloadType { get; private set; } = UnknownPayloadType;

    public RtpCodec MainCodec { get; private set; }

    public bool Undecodable { get; private set; }

    public int TelephoneEvents { get; private set; }

    public long ConcealedFrames { get; private set; }

    public long FramesEmitted { get; private set; }

    public void Process(in RtpPacket packet, long arrivalTicks, List<CallInput> output)
    {
        var codec = Resolve(packet.PayloadType, out var clock);
        if (!Statistics.Update(packet.Sequence, packet.Timestamp, arrivalTicks, clock, out var resynced))
        {
            _counters.Add(TelephonyIssue.RtpSequenceJump);
            return;
        }

        if (resynced || !_started)
        {
            if (_started)
            {
                Drain(flush: true, output);
                _buffer.Reset();
            }

            _started = true;
            _highestSequence = packet.Sequence;
            _referenceTimestamp = packet.Timestamp;
            _firstTimestamp = packet.Timestamp;
            _startOffset = _call.OffsetAt(arrivalTicks);
            _nextTimestamp = packet.Timestamp;
        }

        // Extend sequence and timestamp past their wraps relative to the highest seen so far.
        var sequence = _highestSequence + (short)(packet.Sequence - (ushort)_highestSequence);
        if (sequence > _highestSequence)
        {
            _highestSequence = sequence;
        }

        var timestamp = _referenceTimestamp + (int)(packet.Timestamp - (uint)_referenceTimestamp);
        if (timestamp > _referenceTimestamp)
        {
            _referenceTimestamp = timestamp;
        }

        if (codec == RtpCodec.TelephoneEvent)
        {
            // RFC 4733 §2.5.1: all packets of one event share its timestamp. Only the count is kept: digits are never read.
            if (packet.Payload.Length >= 4 && timestamp != _lastEventTimestamp)
            {
                TelephoneEvents++;
                _lastEventTimestamp = timestamp;
            }
        }
        else if (codec != RtpCodec.ComfortNoise && MainPayloadType != packet.PayloadType)
        {
            MainPayloadType = packet.PayloadType;
            MainCodec = codec;
        }

        var pushed = _buffer.Push(sequence, timestamp, packet.PayloadType, packet.Payload);
        if (pushed == JitterPushResult.OutOfWindow)
        {
            Drain(flush: true, output);
            _buffer.Reset();
            pushed = _buffer.Push(sequence, timestamp, packet.PayloadType, packet.Payload);
        }

        if (pushed == JitterPushResult.Duplicate)
        {
            _counters.Add(TelephonyIssue.RtpDuplicate);
        }
        else if (pushed == JitterPushResult.Late)
        {
            _counters.Add(TelephonyIssue.RtpLate);
        }

        Drain(flush: false, output);
    }

    /// <summary>Releases everything still held (call end, stream replaced).</summary>
    public void Flush(List<CallInput> output) => Drain(flush: true, output);

    public StreamReport Report()
    {
        var expected = Statistics.Expected;
        var loss = expected <= 0 ? 0 : Math.Max(0, Statistics.Lost) / (double)expected;

        // One-way delay is not observable on a mirror port: assume packetisation + our buffer + twice the jitter.
        var delay = _call.PacketTimeMilliseconds + _bufferMilliseconds + (2 * Statistics.MeanJitterMilliseconds);
        var codec = MainPayloadType == UnknownPayloadType ? RtpCodec.Unknown : MainCodec;
        var r = EModel.RFactor(loss, delay, codec);
        return new StreamReport(
            _call.CallId,
            Leg,
            Ssrc,
            MainPayloadType,
            MainPayloadType == UnknownPayloadType ? (TelephoneEvents > 0 ? "telephone-event" : "none") : RtpCodecs.Name(MainCodec, MainPayloadType),
            Statistics.Received,
            Statistics.Lost,
            Statistics.MeanJitterMilliseconds,
            Statistics.MaxJitterMilliseconds,
            r,
            EModel.Mos(r),
            Source.ToString(),
            Destination.ToString(),
            _call.Unsignalled,
            MainCodec is RtpCodec.Pcmu or RtpCodec.Pcma or RtpCodec.G722,
            TelephoneEvents,
            ConcealedFrames);
    }

    private RtpCodec Resolve(int payloadType, out int clock)
    {
        if (payloadType != _cachedPayloadType)
        {
            var map = _call.Map(payloadType);
            _cachedCodec = RtpCodecs.Codec(map);
            if (map is null && payloadType == 101)
            {
                // The de-facto default for RFC 4733 events when no SDP told us.
                _cachedCodec = RtpCodec.TelephoneEvent;
            }

            _cachedClock = map?.ClockRate > 0 ? map.ClockRate : 8000;
            _cachedPayloadType = payloadType;
        }

        clock = _cachedClock;
        return _cachedCodec;
    }

    private void Drain(bool flush, List<CallInput> output)
    {
        while (_buffer.TryPop(flush, out var item))
        {
            if (item.LostCount > 0)
            {
                Conceal(item.LostCount, output);
                continue;
            }

            var codec = Resolve(item.PayloadType, out var clock);
            switch (codec)
            {
                case RtpCodec.Pcmu:
                case RtpCodec.Pcma:
                case RtpCodec.G722:
                    Emit(codec, clock, item.Timestamp, item.Payload, output);
                    break;
                case RtpCodec.ComfortNoise:
                case RtpCodec.TelephoneEvent:
                    _lastPcm = null;
                    break;
                default:
                    _lastPcm = null;
                    Undecodable = true;
                    if (!_undecodableCounted)
                    {
                        _undecodableCounted = true;
                        _counters.Add(TelephonyIssue.RtpUndecodable);
                    }

                    break;
            }
        }
    }

    private void Emit(RtpCodec codec, int clock, long timestamp, ReadOnlySpan<byte> payload, List<CallInput> output)
    {
        if (payload.IsEmpty)
        {
            return;
        }

        short[] pcm;
        int rate;
        if (codec == RtpCodec.G722)
        {
            pcm = new short[payload.Length * 2];
            (_g722 ??= new G722Decoder()).Decode(payload, pcm);
            rate = 16000;
        }
        else
        {
            pcm = new short[payload.Length];
            if (codec == RtpCodec.Pcmu)
            {
                G711.MuLawToLinear(payload, pcm);
            }
            else
            {
                G711.ALawToLinear(payload, pcm);
            }

            rate = 8000;
        }

        output.Add(CallInput.Of(new AudioFrame(_call.CallId, Leg, OffsetOf(timestamp, clock), pcm, rate)));
        FramesEmitted++;
        _lastPcm = pcm;
        _lastSampleRate = rate;

        // G.722's RTP clock runs at 8 kHz although it carries 16 kHz audio (RFC 3551 §4.5.2): one tick per byte.
        _nextTimestamp = timestamp + payload.Length;
    }

    private void Conceal(int lost, List<CallInput> output)
    {
        if (_lastPcm is null || lost > MaxConcealedPackets)
        {
            return;
        }

        // Repeat the last frame, halving it each time: enough to keep VAD and prosody from seeing a hard gap.
        var previous = _lastPcm;
        var ticksPerFrame = _lastSampleRate == 16000 ? previous.Length / 2 : previous.Length;
        for (var k = 0; k < lost; k++)
        {
            var pcm = new short[previous.Length];
            for (var i = 0; i < pcm.Length; i++)
            {
                pcm[i] = (short)(previous[i] >> (k + 1));
            }

            output.Add(CallInput.Of(new AudioFrame(_call.CallId, Leg, OffsetOf(_nextTimestamp, _cachedClock), pcm, _lastSampleRate)));
            _nextTimestamp += ticksPerFrame;
            ConcealedFrames++;
        }
    }

    private TimeSpan OffsetOf(long timestamp, int clock) =>
        _startOffset + TimeSpan.FromTicks((timestamp - _firstTimestamp) * TimeSpan.TicksPerSecond / clock);
}
