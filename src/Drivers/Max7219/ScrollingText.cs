namespace EdgeCc.Drivers.Max7219;

/// <summary>
/// Scrolls a message right to left across an <see cref="IMatrixDisplay"/>, one column per <see cref="Step"/>.
/// The caller decides the pace (e.g. from a TimeProvider timer in the floor service); nothing here runs on its own.
/// </summary>
public sealed class ScrollingText
{
    private readonly IMatrixDisplay _display;
    private string _text = string.Empty;
    private byte[] _strip = [];
    private int _offset;

    /// <summary>Creates a scroller; the message enters from the right edge.</summary>
    public ScrollingText(IMatrixDisplay display, string text)
    {
        ArgumentNullException.ThrowIfNull(display);
        _display = display;
        Text = text;
    }

    /// <summary>The message; setting it restarts the scroll.</summary>
    public string Text
    {
        get => _text;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            _text = value;
            _strip = Render(value, _display.Width);
            _offset = 0;
        }
    }

    /// <summary>Columns in one full cycle (blank lead-in as wide as the display, then the message).</summary>
    public int CycleLength => _strip.Length;

    /// <summary>Draws the current window, shows it and moves one column left. Returns true when a cycle just ended.</summary>
    public bool Step()
    {
        _display.Clear();
        for (int x = 0; x < _display.Width; x++)
        {
            MatrixFont.DrawColumn(_display, x, 0, _strip[(_offset + x) % _strip.Length]);
        }

        _display.Show();
        _offset = (_offset + 1) % _strip.Length;
        return _offset == 0;
    }

    private static byte[] Render(string text, int leadIn)
    {
        int width = MatrixFont.MeasureWidth(text);
        var strip = new byte[leadIn + width];
        int x = leadIn;
        foreach (char c in text)
        {
            MatrixFont.Glyph(c).CopyTo(strip.AsSpan(x));
            x += MatrixFont.GlyphWidth + MatrixFont.Spacing;
        }

        return strip;
    }
}
