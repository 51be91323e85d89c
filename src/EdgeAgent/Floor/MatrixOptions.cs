using System.ComponentModel.DataAnnotations;

namespace EdgeCc.Agent.Floor;

/// <summary>A MAX7219 dot-matrix chain on SPI and the figures it shows.</summary>
internal sealed class MatrixOptions
{
    [Range(0, 6)]
    public int SpiBus { get; set; }

    [Range(0, 1)]
    public int ChipSelect { get; set; } = 1;

    [Range(1, 32)]
    public int Modules { get; set; } = 4;

    /// <summary>Figures in display order, e.g. <c>waiting:sales</c>, <c>longest:sales</c>, <c>alerts</c> (see <see cref="WallboardFigure"/>).</summary>
    public List<string> Figures { get; set; } = [];
}
