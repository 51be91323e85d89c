namespace EdgeCc.Agent.Capture;

/// <summary>A hidraw node on the same USB device as a sound card, with the sysfs file holding its report descriptor.</summary>
internal sealed record UsbAudioHidNode(string DevicePath, string ReportDescriptorPath);
