using System.ComponentModel.DataAnnotations;

namespace EdgeCc.Agent.Floor;

/// <summary>One desk: whose it is, which pixel of the strip is its light, and its help button's pin.</summary>
internal sealed class StationOptions
{
    /// <summary>The agent's id as telephony reports it (extension, SIP user, headset name).</summary>
    [Required]
    public string Agent { get; set; } = "";

    /// <summary>Index of the station's pixel on the strip (0 is the pixel nearest the controller).</summary>
    [Range(0, 10_000)]
    public int Pixel { get; set; }

    /// <summary>BCM GPIO number of the help button, if the desk has one.</summary>
    [Range(0, 27)]
    public int? ButtonPin { get; set; }

    /// <summary>The queue the agent serves (a name from <c>Floor:Queues</c>), if any.</summary>
    public string? Queue { get; set; }
}
