namespace EdgeCc.Agent.Analysis;

/// <summary>
/// A second-order Butterworth high-pass (12 dB per octave) in front of a leg's voice activity and keyword
/// spotter. Below a few hundred hertz a call carries little that tells words apart but most of what a noisy room or
/// line adds (mains hum and its harmonics, rumble, brown and pink noise), and the acoustic model's lowest filters start
/// at 130 Hz: there that energy drowns the speech the model listens for, and voice activity takes it for the leg's
/// noise. Measured by <c>edgecc eval --calibrate</c> (eval/README.md).
/// </summary>
internal sealed class SpeechHighPass
{
    private readonly double _b0;
    private readonly double _b1;
    private readonly double _a1;
    private readonly double _a2;

    // Transposed direct form II: two state values, well conditioned at a cutoff this far below the sample rate.
    private double _z1;
    private double _z2;

    public SpeechHighPass(int cutoffHz, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cutoffHz);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(cutoffHz, sampleRate / 2);
        var w0 = 2 * Math.PI * cutoffHz / sampleRate;
        var alpha = Math.Sin(w0) / Math.Sqrt(2);
        var a0 = 1 + alpha;
        _b0 = (1 + Math.Cos(w0)) / 2 / a0;
        _b1 = -(1 + Math.Cos(w0)) / a0;
        _a1 = -2 * Math.Cos(w0) / a0;
        _a2 = (1 - alpha) / a0;
    }

    /// <summary>Filters <paramref name="input"/> into <paramref name="output"/> (same length), carrying the state on.</summary>
    public void Process(ReadOnlySpan<short> input, Span<short> output)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(output.Length, input.Length);
        var (b0, b1, a1, a2) = (_b0, _b1, _a1, _a2);
        var (z1, z2) = (_z1, _z2);
        for (var i = 0; i < input.Length; i++)
        {
            double x = input[i];
            var y = (b0 * x) + z1;

            // b2 equals b0 for a high-pass.
            z1 = (b1 * x) - (a1 * y) + z2;
            z2 = (b0 * x) - (a2 * y);
            output[i] = (short)Math.Clamp(Math.Round(y), short.MinValue, short.MaxValue);
        }

        (_z1, _z2) = (z1, z2);
    }
}
