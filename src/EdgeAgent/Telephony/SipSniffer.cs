namespace EdgeCc.Agent.Telephony;

/// <summary>A cheap first look at a UDP payload, so RTP never pays for a SIP parse.</summary>
internal static class SipSniffer
{
    /// <summary>True for "SIP/2.0 " or an upper-case method token followed by a space.</summary>
    public static bool LooksLikeSip(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 12)
        {
            return false;
        }

        if (payload.StartsWith("SIP/2.0 "u8))
        {
            return true;
        }

        for (var i = 0; i < payload.Length && i < 17; i++)
        {
            var b = payload[i];
            if (b == ' ')
            {
                return i >= 3;
            }

            if (b is < (byte)'A' or > (byte)'Z')
            {
                return false;
            }
        }

        return false;
    }
}
