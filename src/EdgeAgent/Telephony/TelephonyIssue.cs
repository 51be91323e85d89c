namespace EdgeCc.Agent.Telephony;

/// <summary>Kinds of bad or odd input the telephony layer counts (one counter each, logged once per kind).</summary>
internal enum TelephonyIssue
{
    SipNotSip,
    SipBadStartLine,
    SipBadHeader,
    SipMissingRequiredHeader,
    SipBadContentLength,
    SipBodyShorterThanContentLength,
    SipTooLarge,
    SdpBad,
    TcpRetransmission,
    TcpGap,
    TcpFlowsEvicted,
    SipOrphanMessage,
    RtpBadHeader,
    UdpNotRtp,
    RtpAfterCallEnded,
    RtpUnmatched,
    RtpDuplicate,
    RtpLate,
    RtpSequenceJump,
    RtpUndecodable,
    RtpSsrcChange,
    CallsEvicted,
}
