namespace EdgeCc.Drivers.Ws2812;

/// <summary>Order in which a pixel expects its colour bytes on the wire.</summary>
public enum ColorOrder
{
    /// <summary>Green, red, blue: WS2812B and SK6812 RGB.</summary>
    Grb,

    /// <summary>Red, green, blue: some WS2811 strings.</summary>
    Rgb,

    /// <summary>Green, red, blue, white: SK6812 RGBW (four bytes per pixel).</summary>
    Grbw,
}
