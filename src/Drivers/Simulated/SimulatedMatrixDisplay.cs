using System.Text;
using EdgeCc.Drivers.Max7219;

namespace EdgeCc.Drivers.Simulated;

/// <summary>An <see cref="IMatrixDisplay"/> without hardware: <see cref="Show"/> renders lit dots as '#' and dark ones as '.'.</summary>
public sealed class SimulatedMatrixDisplay : IMatrixDisplay
{
    private readonly bool[,] _pending;
    private readonly bool[,] _shown;
    private readonly TextWriter? _output;

    /// <summary>Creates a display, by default the size of four cascaded 8x8 modules.</summary>
    public SimulatedMatrixDisplay(int width = 32, int height = 8, TextWriter? output = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        _pending = new bool[width, height];
        _shown = new bool[width, height];
        _output = output;
    }

    /// <inheritdoc />
    public int Width => _pending.GetLength(0);

    /// <inheritdoc />
    public int Height => _pending.GetLength(1);

    /// <summary>Frames shown so far.</summary>
    public int FrameCount { get; private set; }

    /// <inheritdoc />
    public void SetPixel(int x, int y, bool on)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(x, Width);
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(y, Height);
        _pending[x, y] = on;
    }

    /// <inheritdoc />
    public void Clear() => Array.Clear(_pending);

    /// <inheritdoc />
    public void Show()
    {
        Array.Copy(_pending, _shown, _pending.Length);
        FrameCount++;
        _output?.Write(Render());
    }

    /// <summary>The last shown frame, one line per row ending in '\n'.</summary>
    public string Render()
    {
        var sb = new StringBuilder((Width + 1) * Height);
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                sb.Append(_shown[x, y] ? '#' : '.');
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }
}
