namespace EdgeCc.Agent.Capture;

/// <summary>Loads a headset's telephony layout from its sysfs report descriptor file.</summary>
internal static class HeadsetHid
{
    /// <summary>The telephony layout, or null when the file is missing, unreadable or has no hook/mute controls.</summary>
    public static HidTelephonyLayout? TryLoadLayout(string reportDescriptorPath) => TryLoad(reportDescriptorPath, out _);

    public static HidTelephonyLayout? TryLoad(string reportDescriptorPath, out string reason)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(reportDescriptorPath);
        }
        catch (IOException ex)
        {
            reason = ex.Message;
            return null;
        }
        catch (UnauthorizedAccessException ex)
        {
            reason = ex.Message;
            return null;
        }

        var result = HidReportDescriptorParser.Parse(bytes);
        reason = result.Reason;
        return result.Layout;
    }

    /// <summary>sysfs report_descriptor for a hidraw node: /sys/class/hidraw/hidrawN/device/report_descriptor.</summary>
    public static string DescriptorPathFor(string sysfsRoot, string hidrawPath) =>
        Path.Combine(sysfsRoot, "class", "hidraw", Path.GetFileName(hidrawPath), "device", "report_descriptor");
}
