namespace EdgeCc.Agent.Telephony;

/// <summary>What the SIP parser made of a datagram or a stream buffer; failures are counted by kind.</summary>
internal enum SipParseResult
{
    Ok,
    Incomplete,
    NotSip,
    BadStartLine,
    BadHeader,
    MissingRequiredHeader,
    BadContentLength,
    BodyShorterThanContentLength,
    TooLarge,
}
