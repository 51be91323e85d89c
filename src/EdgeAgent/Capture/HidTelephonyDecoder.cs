namespace EdgeCc.Agent.Capture;

/// <summary>
/// Turns input reports (as read from /dev/hidrawN: report ID byte first when the device numbers
/// its reports) into hook and mute states. Absolute controls report the state; relative ones
/// (Poly/Plantronics send Phone Mute as a press) toggle it on each 0→1 edge.
/// </summary>
internal sealed class HidTelephonyDecoder
{
    private readonly HidTelephonyLayout _layout;
    private bool _hookPressed;
    private bool _mutePressed;

    public HidTelephonyDecoder(HidTelephonyLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        _layout = layout;
    }

    public bool OffHook { get; private set; }

    public bool Muted { get; private set; }

    /// <summary>Reports with an unknown ID or shorter than the descriptor says, by kind.</summary>
    public long BadReports { get; private set; }

    /// <summary>Applies one report; returns which states changed (both false for a report about other controls).</summary>
    public (bool HookChanged, bool MuteChanged) Apply(ReadOnlySpan<byte> report)
    {
        if (report.IsEmpty)
        {
            BadReports++;
            return default;
        }

        var id = _layout.UsesReportIds ? report[0] : (byte)0;
        var length = _layout.ReportLength(id);
        if (length == 0 || report.Length < length)
        {
            BadReports++;
            return default;
        }

        var payload = _layout.UsesReportIds ? report[1..] : report;
        var hookChanged = false;
        var muteChanged = false;
        if (_layout.HookSwitch is { } hook && hook.ReportId == id)
        {
            var on = IsOn(payload, hook);
            var state = Next(hook, on, ref _hookPressed, OffHook);
            hookChanged = state != OffHook;
            OffHook = state;
        }

        if (_layout.PhoneMute is { } mute && mute.ReportId == id)
        {
            var on = IsOn(payload, mute);
            var state = Next(mute, on, ref _mutePressed, Muted);
            muteChanged = state != Muted;
            Muted = state;
        }

        return (hookChanged, muteChanged);
    }

    /// <summary>A replugged headset starts on-hook and unmuted.</summary>
    public void Reset()
    {
        OffHook = false;
        Muted = false;
        _hookPressed = false;
        _mutePressed = false;
    }

    private static bool Next(HidTelephonyField field, bool on, ref bool pressed, bool current)
    {
        if (!field.Relative)
        {
            return on;
        }

        var toggled = on && !pressed;
        pressed = on;
        return toggled ? !current : current;
    }

    private static bool IsOn(ReadOnlySpan<byte> payload, HidTelephonyField field)
    {
        if (field.ArrayValue is not { } wanted)
        {
            return ReadBits(payload, field.BitOffset, field.BitSize) != 0;
        }

        for (var slot = 0; slot < field.Count; slot++)
        {
            if (ReadBits(payload, field.BitOffset + (slot * field.BitSize), field.BitSize) == (uint)wanted)
            {
                return true;
            }
        }

        return false;
    }

    // HID fields are little-endian bit strings: bit n lives in byte n/8 at bit n%8 (§5.8).
    private static uint ReadBits(ReadOnlySpan<byte> payload, int offset, int size)
    {
        uint value = 0;
        for (var i = 0; i < size; i++)
        {
            var bit = offset + i;
            if (bit / 8 >= payload.Length)
            {
                break;
            }

            if ((payload[bit / 8] & (1 << (bit % 8))) != 0)
            {
                value |= 1u << i;
            }
        }

        return value;
    }
}
