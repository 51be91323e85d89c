using System.ComponentModel.DataAnnotations;

namespace EdgeCc.Agent.Floor;

/// <summary>An HT16K33 7-segment backpack on I2C and the one figure it shows.</summary>
internal sealed class SegmentOptions
{
    [Range(0, 6)]
    public int I2cBus { get; set; } = 1;

    /// <summary>7-bit I2C address; the backpack's jumpers select 0x70..0x77.</summary>
    [Range(0x70, 0x77)]
    public int Address { get; set; } = 0x70;

    [Range(1, 8)]
    public int Digits { get; set; } = 4;

    /// <summary>One figure, e.g. <c>waiting:sales</c> (see <see cref="WallboardFigure"/>).</summary>
    [Required]
    public string Figure { get; set; } = "";
}
