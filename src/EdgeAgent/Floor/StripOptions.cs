using System.ComponentModel.DataAnnotations;
using EdgeCc.Drivers.Ws2812;

namespace EdgeCc.Agent.Floor;

/// <summary>The addressable LED strip that carries one pixel per station.</summary>
internal sealed class StripOptions
{
    [Range(1, 2_000)]
    public int PixelCount { get; set; } = 240;

    public LedChip Chip { get; set; } = LedChip.Ws2812b;

    public ColorOrder Order { get; set; } = ColorOrder.Grb;

    /// <summary>0..1; a quarter of full power is bright enough indoors and keeps the supply small.</summary>
    [Range(0.0, 1.0)]
    public double Brightness { get; set; } = 0.25;

    [Range(0, 6)]
    public int SpiBus { get; set; }

    [Range(0, 1)]
    public int ChipSelect { get; set; }
}
