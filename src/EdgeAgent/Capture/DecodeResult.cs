namespace EdgeCc.Agent.Capture;

/// <summary>What the frame decoder made of one frame; everything but <see cref="Ok"/> is counted by kind.</summary>
internal enum DecodeResult
{
    Ok,
    FragmentHeld,
    TruncatedLink,
    UnsupportedLinkType,
    UnsupportedEtherType,
    TruncatedIp,
    BadIpHeader,
    UnsupportedIpProtocol,
    TruncatedTransport,
    BadTransportHeader,
    TruncatedTunnel,
    UnsupportedTunnel,
    TooManyEncapsulations,
    FragmentDropped,
}
