using System.Globalization;

namespace EdgeCc.Agent.Capture;

/// <summary>
/// The table behind a <c>devices</c> verb: every sound card with capture, its USB identity and
/// port, whether it has a telephony hook switch, and the desk configured on that port.
/// </summary>
internal static class HeadsetDeviceListing
{
    public static void Write(TextWriter writer, HeadsetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Write(writer, UsbAudioDiscovery.List(options.SysfsRoot), options);
    }

    public static void Write(TextWriter writer, IReadOnlyList<UsbAudioDevice> devices, HeadsetOptions? options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(devices);
        var rows = new List<string[]> { new[] { "CARD", "ID", "USB PORT", "VID:PID", "PRODUCT", "CAPTURE PCM", "HID", "DESK" } };
        foreach (var device in devices)
        {
            if (device.CaptureDevices.Count == 0)
            {
                continue;
            }

            rows.Add(
            [
                device.Card.ToString(CultureInfo.InvariantCulture),
                device.CardId,
                device.UsbPort ?? "-",
                device.VendorId is null ? "-" : $"{device.VendorId}:{device.ProductId}",
                Describe(device),
                device.CapturePcmName ?? "-",
                Telephony(device),
                DeskOn(device, options),
            ]);
        }

        var widths = new int[rows[0].Length];
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length; c++)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length; c++)
            {
                writer.Write(c == row.Length - 1 ? row[c] : row[c].PadRight(widths[c] + 2));
            }

            writer.WriteLine();
        }

        if (rows.Count == 1)
        {
            writer.WriteLine("(no capture devices found)");
        }
    }

    private static string Describe(UsbAudioDevice device)
    {
        var text = $"{device.Manufacturer} {device.Product}".Trim();
        return text.Length == 0 ? "-" : text;
    }

    private static string Telephony(UsbAudioDevice device)
    {
        foreach (var node in device.HidNodes)
        {
            var layout = HeadsetHid.TryLoadLayout(node.ReportDescriptorPath);
            if (layout is not null)
            {
                var parts = (layout.HookSwitch is null ? "" : "hook") + (layout.PhoneMute is null ? "" : layout.HookSwitch is null ? "mute" : "+mute");
                return $"{Path.GetFileName(node.DevicePath)} {parts}";
            }
        }

        return device.HidNodes.Count == 0 ? "-" : "no telephony";
    }

    private static string DeskOn(UsbAudioDevice device, HeadsetOptions? options)
    {
        if (options is null)
        {
            return "-";
        }

        foreach (var desk in options.Desks)
        {
            if (device.UsbPort is not null && string.Equals(desk.UsbPort, device.UsbPort, StringComparison.Ordinal))
            {
                return desk.Desk;
            }
        }

        return "-";
    }
}
