namespace EdgeCc.Agent.Capture;

/// <summary>A parsed descriptor's telephony layout, or the reason there is none.</summary>
internal sealed record HidParseResult(HidTelephonyLayout? Layout, HidParseError Error, string Reason)
{
    public bool Success => Layout is not null;

    public static HidParseResult Fail(HidParseError error, string reason) => new(null, error, reason);
}
