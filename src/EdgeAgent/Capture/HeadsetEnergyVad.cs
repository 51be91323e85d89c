namespace EdgeCc.Agent.Capture;

/// <summary>
/// A deliberately simple voice detector for call boundaries on headsets without a hook switch:
/// a block is voiced when its RMS is above a threshold in dBFS. A headset boom mic sits a few
/// centimetres from the mouth, so speech is 30–40 dB above its noise floor and an energy gate is
/// enough to tell "talking" from "idle"; the analysis stage runs the real VAD.
/// </summary>
internal static class HeadsetEnergyVad
{
    /// <summary>RMS of 16-bit samples in dB relative to full scale; silence is <see cref="double.NegativeInfinity"/>.</summary>
    public static double RmsDbfs(ReadOnlySpan<short> samples)
    {
        if (samples.IsEmpty)
        {
            return double.NegativeInfinity;
        }

        long sum = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            int s = samples[i];
            sum += s * s;
        }

        if (sum == 0)
        {
            return double.NegativeInfinity;
        }

        var rms = Math.Sqrt((double)sum / samples.Length);
        return 20 * Math.Log10(rms / 32768.0);
    }

    public static bool IsVoiced(ReadOnlySpan<short> samples, double thresholdDbfs) => RmsDbfs(samples) >= thresholdDbfs;
}
