using System.Drawing;

namespace EdgeCc.Drivers.Ws2812;

/// <summary>A row of addressable pixels: set colours, then <see cref="Show"/> sends them all at once.</summary>
public interface IPixelStrip
{
    /// <summary>Number of pixels on the strip.</summary>
    int Count { get; }

    /// <summary>Sets one pixel in the frame being prepared; nothing is sent until <see cref="Show"/>.</summary>
    void SetPixel(int index, Color color);

    /// <summary>Sets every pixel of the frame being prepared to black.</summary>
    void Clear();

    /// <summary>Sends the prepared frame to the pixels.</summary>
    void Show();
}
