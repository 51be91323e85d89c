using System.Drawing;
using System.Globalization;
using System.Text;
using EdgeCc.Drivers.Ws2812;

namespace EdgeCc.Drivers.Simulated;

/// <summary>
/// An <see cref="IPixelStrip"/> without hardware: <see cref="Show"/> renders the strip as one row of blocks,
/// coloured with ANSI 24-bit escapes (or as letters when colours are off) and writes it to the output, if any.
/// </summary>
public sealed class SimulatedPixelStrip : IPixelStrip
{
    private readonly Color[] _pending;
    private readonly Color[] _shown;
    private readonly TextWriter? _output;
    private readonly bool _ansi;

    /// <summary>Creates a strip of <paramref name="count"/> pixels.</summary>
    /// <param name="count">Number of pixels.</param>
    /// <param name="output">Where each shown frame is written as one line; null to only keep it.</param>
    /// <param name="ansiColors">True for 24-bit ANSI colour blocks; false for one letter per pixel (R, G, B, Y, C, M, W, '.').</param>
    public SimulatedPixelStrip(int count, TextWriter? output = null, bool ansiColors = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _pending = new Color[count];
        _shown = new Color[count];
        _output = output;
        _ansi = ansiColors;
    }

    /// <inheritdoc />
    public int Count => _pending.Length;

    /// <summary>Frames shown so far.</summary>
    public int FrameCount { get; private set; }

    /// <summary>Colour of a pixel as last shown.</summary>
    public Color Shown(int index) => _shown[index];

    /// <inheritdoc />
    public void SetPixel(int index, Color color)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _pending.Length);
        _pending[index] = color;
    }

    /// <inheritdoc />
    public void Clear() => Array.Clear(_pending);

    /// <inheritdoc />
    public void Show()
    {
        _pending.CopyTo(_shown, 0);
        FrameCount++;
        _output?.WriteLine(Render());
    }

    /// <summary>The last shown frame as text.</summary>
    public string Render()
    {
        var sb = new StringBuilder(_shown.Length * (_ansi ? 20 : 1));
        foreach (Color c in _shown)
        {
            if (_ansi)
            {
                sb.Append(CultureInfo.InvariantCulture, $"\u001b[38;2;{c.R};{c.G};{c.B}m\u2588");
            }
            else
            {
                sb.Append(Letter(c));
            }
        }

        if (_ansi)
        {
            sb.Append("\u001b[0m");
        }

        return sb.ToString();
    }

    // Which channels are "on" (at least half of the brightest one) names the colour.
    private static char Letter(Color c)
    {
        int max = Math.Max(c.R, Math.Max(c.G, c.B));
        if (max == 0)
        {
            return '.';
        }

        bool r = c.R * 2 >= max, g = c.G * 2 >= max, b = c.B * 2 >= max;
        return (r, g, b) switch
        {
            (true, false, false) => 'R',
            (false, true, false) => 'G',
            (false, false, true) => 'B',
            (true, true, false) => 'Y',
            (false, true, true) => 'C',
            (true, false, true) => 'M',
            _ => 'W',
        };
    }
}
