using System.ComponentModel.DataAnnotations;

namespace EdgeCc.Agent.Capture;

/// <summary>
/// One desk: which headset (by the USB port it is plugged into, which survives reboots and
/// replugs, or by ALSA PCM name) and who sits there.
/// </summary>
public sealed class HeadsetDeskOptions
{
    /// <summary>The desk (station) name or number, e.g. "14".</summary>
    [Required]
    public string Desk { get; set; } = "";

    public string? AgentId { get; set; }

    /// <summary>Physical USB port path as in sysfs, e.g. "1-1.3" (bus 1, root port 1, hub port 3).</summary>
    public string? UsbPort { get; set; }

    /// <summary>An ALSA PCM name to open instead of the card found on <see cref="UsbPort"/>, e.g. "plughw:CARD=Headset,DEV=0".</summary>
    public string? PcmName { get; set; }

    /// <summary>1-based capture channel carrying the customer (e.g. 2 on a stereo adapter fed from the phone), or none.</summary>
    [Range(2, 8)]
    public int? CustomerChannel { get; set; }

    /// <summary>Silence on both legs that ends a call when the headset has no hook switch.</summary>
    [Range(1, 600)]
    public double SilenceGapSeconds { get; set; } = 8;

    /// <summary>Block RMS above which a block counts as speech for call boundaries.</summary>
    [Range(-90, 0)]
    public double VoiceThresholdDbfs { get; set; } = -45;

    /// <summary>Force a capture rate (Hz) instead of trying 48000, 44100, 16000; 0 = automatic.</summary>
    [Range(0, 192_000)]
    public int SampleRate { get; set; }

    /// <summary>Force a channel count; 0 = the fewest that hold the customer channel.</summary>
    [Range(0, 8)]
    public int Channels { get; set; }

    /// <summary>hidraw node for the hook switch, e.g. /dev/hidraw3; found from <see cref="UsbPort"/> when empty.</summary>
    public string? HidrawPath { get; set; }

    /// <summary>The HID report descriptor file; defaults to the hidraw node's sysfs <c>report_descriptor</c>.</summary>
    public string? HidReportDescriptorPath { get; set; }

    /// <summary>Ignore the hook switch even if the headset has one and use voice activity.</summary>
    public bool IgnoreHookSwitch { get; set; }
}
