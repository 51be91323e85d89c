namespace EdgeCc.Agent.Capture;

/// <summary>
/// The telephony controls found in a headset's HID report descriptor, plus the byte length of
/// every input report (keyed by report ID) so a byte stream can be cut into reports.
/// </summary>
internal sealed record HidTelephonyLayout(
    bool UsesReportIds,
    HidTelephonyField? HookSwitch,
    HidTelephonyField? PhoneMute,
    IReadOnlyDictionary<byte, int> InputReportLengths)
{
    /// <summary>Usage page 0x0B, Telephony Device (HID Usage Tables §14).</summary>
    public const int TelephonyPage = 0x0B;

    /// <summary>Hook Switch, OOC: 1 while off-hook (HUT §14).</summary>
    public const int HookSwitchUsage = 0x20;

    /// <summary>Phone Mute, OOC (HUT §14).</summary>
    public const int PhoneMuteUsage = 0x2F;

    /// <summary>Bytes of an input report with this ID as read from hidraw (ID byte included), or 0 when unknown.</summary>
    public int ReportLength(byte reportId) => InputReportLengths.TryGetValue(reportId, out var length) ? length : 0;
}
