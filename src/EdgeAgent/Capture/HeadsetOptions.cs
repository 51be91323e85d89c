using System.ComponentModel.DataAnnotations;

namespace EdgeCc.Agent.Capture;

/// <summary>Configuration section <c>Headsets</c>: one entry per desk with a USB headset.</summary>
public sealed class HeadsetOptions
{
    public const string Section = "Headsets";

    public List<HeadsetDeskOptions> Desks { get; set; } = [];

    /// <summary>An extra alsa-lib configuration file (asound.conf syntax) loaded over the system one, for PCMs defined there.</summary>
    public string? AlsaConfigPath { get; set; }

    /// <summary>Where sysfs is mounted; only tests change it.</summary>
    [Required]
    public string SysfsRoot { get; set; } = "/sys";

    /// <summary>First wait after a failed open; doubles on each further failure.</summary>
    [Range(0.1, 600)]
    public double RetryInitialSeconds { get; set; } = 1;

    /// <summary>Longest wait between attempts on a device that keeps failing.</summary>
    [Range(1, 3600)]
    public double RetryMaxSeconds { get; set; } = 60;

    /// <summary>How often an absent (unplugged) headset's USB port is looked at; cheap, so a replug is heard within seconds.</summary>
    [Range(0.1, 60)]
    public double PresencePollSeconds { get; set; } = 2;
}
