using System.ComponentModel.DataAnnotations;

namespace EdgeCc.Agent.Floor;

/// <summary>A signal tower for one queue: relay pins and the thresholds that light each lamp.</summary>
internal sealed class StackLightOptions
{
    [Required]
    public string Queue { get; set; } = "";

    [Range(0, 27)]
    public int? RedPin { get; set; }

    [Range(0, 27)]
    public int? AmberPin { get; set; }

    [Range(0, 27)]
    public int? GreenPin { get; set; }

    [Range(0, 27)]
    public int? BuzzerPin { get; set; }

    /// <summary>Relay boards that switch on a low input.</summary>
    public bool ActiveLow { get; set; }

    [Range(1, 1_000)]
    public int AmberWaiting { get; set; } = 3;

    [Range(1, 1_000)]
    public int RedWaiting { get; set; } = 8;

    [Range(1, 3_600)]
    public int AmberLongestWaitSeconds { get; set; } = 30;

    [Range(1, 3_600)]
    public int RedLongestWaitSeconds { get; set; } = 90;
}
