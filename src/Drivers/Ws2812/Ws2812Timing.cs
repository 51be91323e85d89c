namespace EdgeCc.Drivers.Ws2812;

/// <summary>
/// SPI bit patterns that reproduce the one-wire NRZ timing of a pixel chip. At
/// <see cref="Ws2812Strip.SpiClockFrequency"/> (6.4 MHz) one SPI bit lasts 156.25 ns and one data bit is one
/// SPI byte (8 SPI bits = 1.25 µs, the chips' nominal 800 kbit/s period).
/// </summary>
internal static class Ws2812Timing
{
    public const double SpiBitNanoseconds = 1e9 / Ws2812Strip.SpiClockFrequency;

    // WS2812B datasheet, "Data transfer time": T0H 0.4 µs, T0L 0.85 µs, T1H 0.8 µs, T1L 0.45 µs, each ±150 ns.
    // 0 = 2 high bits: 312.5 ns high / 937.5 ns low (limits 250-550 / 700-1000 ns).
    // 1 = 5 high bits: 781.25 ns high / 468.75 ns low (limits 650-950 / 300-600 ns).
    private const byte Ws2812bZero = 0b1100_0000;
    private const byte Ws2812bOne = 0b1111_1000;

    // SK6812 datasheet, "Data transfer time": T0H 0.3 µs, T0L 0.9 µs, T1H 0.6 µs, T1L 0.6 µs, each ±150 ns.
    // 0 = 2 high bits: 312.5 ns / 937.5 ns (limits 150-450 / 750-1050 ns).
    // 1 = 4 high bits: 625 ns / 625 ns (limits 450-750 / 450-750 ns).
    // The WS2812B "1" (781 ns high) would break the SK6812's 750 ns limit, hence two tables.
    private const byte Sk6812Zero = 0b1100_0000;
    private const byte Sk6812One = 0b1111_0000;

    // WS2812B: the original datasheet asks for >= 50 µs low to latch; current revisions (WS2812B-V5 and later,
    // "RES" row of the timing table) ask for >= 280 µs. 300 µs covers both with margin.
    public static readonly TimeSpan Ws2812bLatch = TimeSpan.FromMicroseconds(300);

    // SK6812 datasheet: reset code "Trst" >= 80 µs; 100 µs leaves margin for clock rounding.
    public static readonly TimeSpan Sk6812Latch = TimeSpan.FromMicroseconds(100);

    public static byte ZeroPattern(LedChip chip) => chip == LedChip.Sk6812 ? Sk6812Zero : Ws2812bZero;

    public static byte OnePattern(LedChip chip) => chip == LedChip.Sk6812 ? Sk6812One : Ws2812bOne;

    public static TimeSpan Latch(LedChip chip) => chip == LedChip.Sk6812 ? Sk6812Latch : Ws2812bLatch;

    /// <summary>Whole zero bytes needed to hold the line low for at least the chip's reset time.</summary>
    public static int LatchBytes(LedChip chip)
    {
        double bits = Latch(chip).TotalSeconds * Ws2812Strip.SpiClockFrequency;
        return (int)Math.Ceiling(bits / 8);
    }

    /// <summary>For every colour byte, its 8 data bits (MSB first) as 8 SPI bytes packed big-endian.</summary>
    public static ulong[] BuildTable(LedChip chip)
    {
        byte zero = ZeroPattern(chip);
        byte one = OnePattern(chip);
        var table = new ulong[256];
        for (int value = 0; value < 256; value++)
        {
            ulong encoded = 0;
            for (int bit = 7; bit >= 0; bit--)
            {
                encoded = (encoded << 8) | (((value >> bit) & 1) != 0 ? one : zero);
            }

            table[value] = encoded;
        }

        return table;
    }
}
