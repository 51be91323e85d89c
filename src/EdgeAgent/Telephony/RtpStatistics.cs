namespace EdgeCc.Agent.Telephony;

/// <summary>
/// Sequence accounting and interarrival jitter of one RTP source, as RFC 3550 appendix A.1
/// and A.8 describe them. Duplicates count as received, so "lost" can go negative exactly
/// as tshark's RTP stream statistics do.
/// </summary>
internal sealed class RtpStatistics
{
    private const int MaxDropout = 3000;
    private const int MaxMisorder = 100;
    private const int SequenceModulo = 1 << 16;

    private ushort _maxSequence;
    private long _cycles;
    private long _baseSequence;
    private int _badSequence = SequenceModulo + 1;
    private bool _started;
    private long _lastArrivalTicks;
    private uint _lastTimestamp;
    private double _jitter;
    private double _jitterSumMs;
    private long _jitterSamples;

    public long Received { get; private set; }

    public long Expected => _started ? _cycles + _maxSequence - _baseSequence + 1 : 0;

    public long Lost => Expected - Received;

    /// <summary>Current jitter estimate in RTP timestamp units.</summary>
    public double Jitter => _jitter;

    // Averaged over the packets that had a predecessor, as tshark's RTP stream analysis does.
    public double MeanJitterMilliseconds => _jitterSamples == 0 ? 0 : _jitterSumMs / _jitterSamples;

    public double MaxJitterMilliseconds { get; private set; }

    public long Resyncs { get; private set; }

    /// <summary>Accounts one packet. Returns false for a packet after a wild jump (held until the next one confirms it, A.1).</summary>
    public bool Update(ushort sequence, uint timestamp, long arrivalTicks, int clockRate, out bool resynced)
    {
        resynced = false;
        if (!_started)
        {
            Init(sequence);
            _started = true;
        }
        else
        {
            var delta = (ushort)(sequence - _maxSequence);
            if (delta < MaxDropout)
            {
                if (sequence < _maxSequence)
                {
                    _cycles += SequenceModulo;
                }

                _maxSequence = sequence;
            }
            else if (delta <= SequenceModulo - MaxMisorder)
            {
                if (sequence == _badSequence)
                {
                    // Two sequential packets after a jump: the source restarted (A.1).
                    Init(sequence);
                    Resyncs++;
                    resynced = true;
                }
                else
                {
                    _badSequence = (sequence + 1) & (SequenceModulo - 1);
                    return false;
                }
            }
        }

        Received++;
        UpdateJitter(timestamp, arrivalTicks, clockRate);
        return true;
    }

    private void Init(ushort sequence)
    {
        _baseSequence = sequence;
        _maxSequence = sequence;
        _cycles = 0;
        _badSequence = SequenceModulo + 1;
        Received = 0;
    }

    private void UpdateJitter(uint timestamp, long arrivalTicks, int clockRate)
    {
        if (Received > 1 || _lastArrivalTicks != 0)
        {
            // D(i-1,i) = (Rj - Ri) - (Sj - Si) in timestamp units (A.8); J += (|D| - J) / 16.
            var arrivalUnits = (arrivalTicks - _lastArrivalTicks) * (double)clockRate / TimeSpan.TicksPerSecond;
            var d = arrivalUnits - (int)(timestamp - _lastTimestamp);
            _jitter += (Math.Abs(d) - _jitter) / 16.0;
            _jitterSumMs += _jitter * 1000.0 / clockRate;
            _jitterSamples++;
        }

        _lastArrivalTicks = arrivalTicks;
        _lastTimestamp = timestamp;
        var ms = _jitter * 1000.0 / clockRate;
        if (ms > MaxJitterMilliseconds)
        {
            MaxJitterMilliseconds = ms;
        }
    }
}
