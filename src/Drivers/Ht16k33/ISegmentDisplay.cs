namespace EdgeCc.Drivers.Ht16k33;

/// <summary>A short 7-segment display: write text into the frame, then <see cref="Show"/> sends it.</summary>
public interface ISegmentDisplay
{
    /// <summary>Number of digit positions.</summary>
    int DigitCount { get; }

    /// <summary>
    /// Prepares <paramref name="text"/>, right-aligned: one character per digit, '.' lights the previous digit's
    /// decimal point, ':' lights the colon. Use <see cref="SegmentText"/> to format counts and mm:ss.
    /// </summary>
    /// <exception cref="ArgumentException">More characters than <see cref="DigitCount"/>.</exception>
    void Write(string text);

    /// <summary>Sends the prepared frame.</summary>
    void Show();
}
