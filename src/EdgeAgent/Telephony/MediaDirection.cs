namespace EdgeCc.Agent.Telephony;

/// <summary>SDP direction attributes (RFC 4566 §6, RFC 3264 §5.1).</summary>
internal enum MediaDirection
{
    SendRecv,
    SendOnly,
    RecvOnly,
    Inactive,
}
