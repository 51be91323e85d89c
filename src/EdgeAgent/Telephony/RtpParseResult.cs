namespace EdgeCc.Agent.Telephony;

internal enum RtpParseResult
{
    Ok,
    TooShort,
    NotVersion2,
    Rtcp,
    BadCsrcCount,
    BadExtension,
    BadPadding,
}
