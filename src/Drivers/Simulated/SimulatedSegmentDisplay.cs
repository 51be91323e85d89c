using System.Text;
using EdgeCc.Drivers.Ht16k33;

namespace EdgeCc.Drivers.Simulated;

/// <summary>
/// An <see cref="ISegmentDisplay"/> without hardware. It lays text out with the same segment patterns the HT16K33
/// driver sends, and renders them as three lines of '_' and '|' (decimal point '.', colon between the middle digits).
/// </summary>
public sealed class SimulatedSegmentDisplay : ISegmentDisplay
{
    private readonly byte[] _pending;
    private readonly byte[] _shown;
    private readonly TextWriter? _output;
    private bool _pendingColon;
    private bool _shownColon;

    /// <summary>Creates a display of <paramref name="digitCount"/> digits.</summary>
    public SimulatedSegmentDisplay(int digitCount = 4, TextWriter? output = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digitCount, 1);
        _pending = new byte[digitCount];
        _shown = new byte[digitCount];
        _output = output;
    }

    /// <inheritdoc />
    public int DigitCount => _pending.Length;

    /// <summary>Frames shown so far.</summary>
    public int FrameCount { get; private set; }

    /// <inheritdoc />
    public void Write(string text) => _pendingColon = SevenSegment.Layout(text, _pending);

    /// <inheritdoc />
    public void Show()
    {
        _pending.CopyTo(_shown, 0);
        _shownColon = _pendingColon;
        FrameCount++;
        _output?.Write(Render());
    }

    /// <summary>The last shown frame as three lines ending in '\n'.</summary>
    public string Render()
    {
        var lines = new[] { new StringBuilder(), new StringBuilder(), new StringBuilder() };
        // The colon sits between the middle digits on the 4-digit backpack; other sizes have none.
        int colonAfter = _shown.Length == 4 ? 1 : -1;
        for (int i = 0; i < _shown.Length; i++)
        {
            byte s = _shown[i];
            lines[0].Append(' ').Append(On(s, 0) ? '_' : ' ').Append("  ");
            lines[1].Append(On(s, 5) ? '|' : ' ').Append(On(s, 6) ? '_' : ' ').Append(On(s, 1) ? '|' : ' ').Append(' ');
            lines[2].Append(On(s, 4) ? '|' : ' ').Append(On(s, 3) ? '_' : ' ').Append(On(s, 2) ? '|' : ' ').Append(On(s, 7) ? '.' : ' ');
            if (i == colonAfter)
            {
                lines[0].Append(' ');
                lines[1].Append(_shownColon ? '.' : ' ');
                lines[2].Append(_shownColon ? '.' : ' ');
            }
        }

        var sb = new StringBuilder();
        foreach (var line in lines)
        {
            sb.Append(line.ToString().TrimEnd()).Append('\n');
        }

        return sb.ToString();
    }

    private static bool On(byte segments, int bit) => (segments & (1 << bit)) != 0;
}
