namespace EdgeCc.Drivers.Max7219;

/// <summary>A monochrome dot-matrix display: draw into a frame, then <see cref="Show"/> sends it.</summary>
public interface IMatrixDisplay
{
    /// <summary>Width in dots (8 per module for a MAX7219 cascade).</summary>
    int Width { get; }

    /// <summary>Height in dots.</summary>
    int Height { get; }

    /// <summary>Sets one dot of the frame being prepared; (0, 0) is top left.</summary>
    void SetPixel(int x, int y, bool on);

    /// <summary>Turns every dot of the frame being prepared off.</summary>
    void Clear();

    /// <summary>Sends the prepared frame to the display.</summary>
    void Show();
}
