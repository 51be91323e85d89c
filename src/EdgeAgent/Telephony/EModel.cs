namespace EdgeCc.Agent.Telephony;

/// <summary>
/// A listening-quality estimate after ITU-T G.107 (E-model) with default values for every
/// factor we cannot observe on a mirror port: R = 93.2 - Id - Ie,eff, and MOS from R (Annex B).
/// </summary>
internal static class EModel
{
    private const double DefaultR = 93.2;

    /// <summary>R-factor from the packet loss fraction (0..1), one-way delay in ms and the codec.</summary>
    public static double RFactor(double lossFraction, double delayMilliseconds, RtpCodec codec)
    {
        var ppl = Math.Clamp(lossFraction, 0, 1) * 100.0;

        // Equipment impairment and packet-loss robustness per G.113 Appendix I: G.711 with PLC 0/25.1;
        // wideband G.722 is scored on the narrowband scale here, a conservative simplification.
        var (ie, bpl) = codec switch
        {
            RtpCodec.Pcmu or RtpCodec.Pcma => (0.0, 25.1),
            RtpCodec.G722 => (0.0, 20.0),
            _ => (10.0, 10.0),
        };

        // Random loss assumed (BurstR = 1).
        var ieEff = ie + ((95.0 - ie) * ppl / (ppl + bpl));
        var d = Math.Max(0, delayMilliseconds);
        var id = (0.024 * d) + (d > 177.3 ? 0.11 * (d - 177.3) : 0);
        return Math.Clamp(DefaultR - id - ieEff, 0, 100);
    }

    public static double Mos(double r)
    {
        if (r <= 0)
        {
            return 1.0;
        }

        if (r >= 100)
        {
            return 4.5;
        }

        return 1 + (0.035 * r) + (r * (r - 60) * (100 - r) * 7e-6);
    }
}
