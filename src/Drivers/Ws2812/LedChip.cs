namespace EdgeCc.Drivers.Ws2812;

/// <summary>The pixel controller on the strip; it decides bit timing and the latch (reset) gap.</summary>
public enum LedChip
{
    /// <summary>Worldsemi WS2812B (and WS2812): T0H 0.4 µs, T1H 0.8 µs, reset &gt;= 280 µs on current revisions.</summary>
    Ws2812b,

    /// <summary>SK6812 (RGB or RGBW): T0H 0.3 µs, T1H 0.6 µs, reset &gt;= 80 µs.</summary>
    Sk6812,
}
