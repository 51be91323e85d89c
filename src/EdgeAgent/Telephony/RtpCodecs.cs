namespace EdgeCc.Agent.Telephony;

/// <summary>Static payload types (RFC 3551 table 4) and encoding-name lookup.</summary>
internal static class RtpCodecs
{
    private static readonly RtpMap Pcmu = new(0, "PCMU", 8000, 1);
    private static readonly RtpMap Gsm = new(3, "GSM", 8000, 1);
    private static readonly RtpMap G723 = new(4, "G723", 8000, 1);
    private static readonly RtpMap Pcma = new(8, "PCMA", 8000, 1);
    private static readonly RtpMap G722 = new(9, "G722", 8000, 1);
    private static readonly RtpMap Cn = new(13, "CN", 8000, 1);
    private static readonly RtpMap G729 = new(18, "G729", 8000, 1);

    public static RtpMap? Static(int payloadType) => payloadType switch
    {
        0 => Pcmu,
        3 => Gsm,
        4 => G723,
        8 => Pcma,
        9 => G722,
        13 => Cn,
        18 => G729,
        _ => null,
    };

    public static RtpCodec Codec(RtpMap? map)
    {
        if (map is null)
        {
            return RtpCodec.Unknown;
        }

        var name = map.Encoding;
        if (name.Equals("PCMU", StringComparison.OrdinalIgnoreCase))
        {
            return RtpCodec.Pcmu;
        }

        if (name.Equals("PCMA", StringComparison.OrdinalIgnoreCase))
        {
            return RtpCodec.Pcma;
        }

        if (name.Equals("G722", StringComparison.OrdinalIgnoreCase))
        {
            return RtpCodec.G722;
        }

        if (name.Equals("CN", StringComparison.OrdinalIgnoreCase))
        {
            return RtpCodec.ComfortNoise;
        }

        return name.Equals("telephone-event", StringComparison.OrdinalIgnoreCase) ? RtpCodec.TelephoneEvent : RtpCodec.Unknown;
    }

    /// <summary>PCM samples per second the decoder produces (G.722 runs a 16 kHz signal on an 8 kHz RTP clock, RFC 3551 §4.5.2).</summary>
    public static int SampleRate(RtpCodec codec) => codec == RtpCodec.G722 ? 16000 : 8000;

    public static string Name(RtpCodec codec, int payloadType) => codec switch
    {
        RtpCodec.Pcmu => "PCMU",
        RtpCodec.Pcma => "PCMA",
        RtpCodec.G722 => "G722",
        RtpCodec.ComfortNoise => "CN",
        RtpCodec.TelephoneEvent => "telephone-event",
        _ => Static(payloadType)?.Encoding ?? "PT" + payloadType.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
