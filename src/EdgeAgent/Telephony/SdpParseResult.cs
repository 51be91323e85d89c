namespace EdgeCc.Agent.Telephony;

internal enum SdpParseResult
{
    Ok,
    Empty,
    BadLine,
    BadMedia,
    BadConnection,
    NoMedia,
}
