using System.Numerics;
using System.Runtime.InteropServices;

namespace EdgeCc.Agent.Analysis;

/// <summary>
/// Fundamental frequency (60-400 Hz) of one leg by YIN (de Cheveigné and Kawahara, JASA 2002):
/// difference function, cumulative-mean normalisation, the first dip under an absolute
/// threshold, parabolic interpolation. 16 kHz PCM16 in frames of any size, one estimate per
/// 10 ms block over the last 25 ms. The signal is first decimated to 8 kHz (voice pitch and
/// its first harmonics lie far below 4 kHz), which quarters the cost of the difference function.
/// </summary>
/// <remarks>No allocation per frame. Not thread-safe: one instance per leg.</remarks>
public sealed class PitchTracker
{
    public const double MinHz = 60;
    public const double MaxHz = 400;
    public const int SampleRate = 16_000;

    /// <summary>Samples (16 kHz) per estimate.</summary>
    public const int HopSize = 160;

    private const int DecimatedRate = 8_000;
    private const int Window = 200;                                  // 25 ms at 8 kHz
    private const int MinLag = (int)(DecimatedRate / MaxHz);         // 20
    private const int MaxLag = (int)(DecimatedRate / MinHz) + 1;     // 134
    private const int BufferLength = Window + MaxLag;
    private const int DecimatedHop = HopSize / 2;
    private const double SilenceDbfs = -55;

    private readonly double _threshold;
    private readonly float[] _buffer = new float[BufferLength];
    private readonly float[] _difference = new float[MaxLag + 1];
    private float _x1;
    private float _x2;
    private float _x3;
    private int _phase;
    private int _filled;

    /// <param name="threshold">YIN's absolute threshold on the normalised difference: lower is stricter about voicing (paper: 0.1-0.15).</param>
    public PitchTracker(double threshold = 0.2)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threshold);
        _threshold = threshold;
    }

    /// <summary>Pitch of the last estimate in Hz, or 0 when that 25 ms was unvoiced or silent.</summary>
    public double PitchHz { get; private set; }

    /// <summary>1 minus YIN's normalised difference at the chosen lag (1 = perfectly periodic); 0 when unvoiced.</summary>
    public double Periodicity { get; private set; }

    /// <summary>How many estimates have been made (one per 10 ms of audio once 42 ms have been seen).</summary>
    public long EstimateCount { get; private set; }

    /// <summary>Takes the next samples; returns how many new estimates were made in this frame.</summary>
    public int Process(ReadOnlySpan<short> frame)
    {
        var made = 0;
        foreach (var sample in frame)
        {
            // 4-tap binomial low-pass [1 3 3 1]/8 before keeping every other sample: -9 dB at 4 kHz,
            // a null at 8 kHz; enough against aliasing for a periodicity measure.
            var x0 = (float)sample;
            var filtered = (x0 + (3 * _x1) + (3 * _x2) + _x3) * 0.125f;
            _x3 = _x2;
            _x2 = _x1;
            _x1 = x0;
            if (++_phase < 2)
            {
                continue;
            }

            _phase = 0;
            if (_filled < BufferLength)
            {
                _buffer[_filled++] = filtered;
                if (_filled == BufferLength)
                {
                    Estimate();
                    made++;
                    _filled -= DecimatedHop;
                    _buffer.AsSpan(DecimatedHop).CopyTo(_buffer);
                }
            }
        }

        return made;
    }

    public void Reset()
    {
        _x1 = _x2 = _x3 = 0;
        _phase = 0;
        _filled = 0;
        PitchHz = 0;
        Periodicity = 0;
        EstimateCount = 0;
    }

    private void Estimate()
    {
        EstimateCount++;
        PitchHz = 0;
        Periodicity = 0;
        var frame = _buffer.AsSpan(0, Window);
        var energy = Dot(frame, frame);
        if (10 * Math.Log10((energy / Window / (32768.0 * 32768.0)) + 1e-12) < SilenceDbfs)
        {
            return;
        }

        var d = _difference.AsSpan();
        d[0] = 1;
        double running = 0;
        var best = -1;
        for (var tau = 1; tau <= MaxLag; tau++)
        {
            var raw = SquaredDistance(frame, _buffer.AsSpan(tau, Window));
            running += raw;
            d[tau] = running > 0 ? (float)(raw * tau / running) : 1;
        }

        for (var tau = MinLag; tau <= MaxLag; tau++)
        {
            if (d[tau] < _threshold)
            {
                while (tau + 1 <= MaxLag && d[tau + 1] < d[tau])
                {
                    tau++;
                }

                best = tau;
                break;
            }
        }

        if (best < 0)
        {
            return;
        }

        var lag = (double)best;
        if (best > 1 && best < MaxLag)
        {
            double a = d[best - 1], b = d[best], c = d[best + 1];
            var denominator = a - (2 * b) + c;
            if (denominator > 1e-9)
            {
                lag += 0.5 * (a - c) / denominator;
            }
        }

        var hz = DecimatedRate / lag;
        if (hz is < MinHz or > MaxHz)
        {
            return;
        }

        PitchHz = hz;
        Periodicity = Math.Clamp(1 - d[best], 0, 1);
    }

    private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var va = MemoryMarshal.Cast<float, Vector<float>>(a);
        var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
        var acc = Vector<float>.Zero;
        for (var i = 0; i < va.Length; i++)
        {
            acc += va[i] * vb[i];
        }

        double sum = Vector.Sum(acc);
        for (var i = va.Length * Vector<float>.Count; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static double SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var count = Vector<float>.Count;
        var acc = Vector<float>.Zero;
        var i = 0;
        for (; i + count <= a.Length; i += count)
        {
            var diff = new Vector<float>(a.Slice(i, count)) - new Vector<float>(b.Slice(i, count));
            acc += diff * diff;
        }

        double sum = Vector.Sum(acc);
        for (; i < a.Length; i++)
        {
            var diff = a[i] - b[i];
            sum += diff * diff;
        }

        return sum;
    }
}
