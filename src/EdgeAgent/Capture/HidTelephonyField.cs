namespace EdgeCc.Agent.Capture;

/// <summary>
/// Where one telephony control sits in an input report: its report ID (0 when the device does
/// not number its reports), bit offset after the ID byte, and size. A <see cref="Relative"/>
/// control (HID 1.11 §6.2.2.5 Input bit 2) sends a press, not a state: each 0→1 edge toggles.
/// An array control (<see cref="ArrayValue"/> not null) is on while any of its
/// <see cref="Count"/> slots holds that value.
/// </summary>
internal sealed record HidTelephonyField(byte ReportId, int BitOffset, int BitSize, bool Relative, int Count = 1, int? ArrayValue = null);
