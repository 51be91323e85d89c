namespace EdgeCc.Agent.Telephony;

/// <summary>What we can do with a payload type's audio.</summary>
internal enum RtpCodec
{
    Unknown,
    Pcmu,
    Pcma,
    G722,
    ComfortNoise,
    TelephoneEvent,
}
