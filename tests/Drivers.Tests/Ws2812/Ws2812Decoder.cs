using EdgeCc.Drivers.Ws2812;

namespace EdgeCc.Drivers.Tests.Ws2812;

/// <summary>
/// Reads an SPI MOSI byte stream the way a pixel's input stage does: each 1.25 µs slot (one SPI byte at
/// 6.4 MHz) must be one high pulse followed by low, classified as 0 or 1 by its high and low times against the
/// datasheet limits; the trailing low time must reach the reset time.
/// </summary>
internal static class Ws2812Decoder
{
    private const double BitNs = 1e9 / Ws2812Strip.SpiClockFrequency;

    public sealed record Frame(byte[][] Pixels, TimeSpan LatchTime);

    public static Frame Decode(byte[] wire, LedChip chip, int channels)
    {
        int end = wire.Length;
        while (end > 0 && wire[end - 1] == 0)
        {
            end--;
        }

        var latch = TimeSpan.FromTicks((long)((wire.Length - end) * 8 * BitNs / 100));
        TimeSpan required = chip == LedChip.Sk6812 ? TimeSpan.FromMicroseconds(80) : TimeSpan.FromMicroseconds(280);
        if (latch < required)
        {
            throw new InvalidDataException($"latch gap {latch.TotalMicroseconds} µs < {required.TotalMicroseconds} µs");
        }

        int bytesPerPixel = channels * 8;
        if (end % bytesPerPixel != 0)
        {
            // The last data bit may itself be a 0 whose pulse is non-zero, so end is exact; anything else is garbage.
            throw new InvalidDataException($"{end} data bytes is not a whole number of {channels}-channel pixels");
        }

        var pixels = new byte[end / bytesPerPixel][];
        for (int p = 0; p < pixels.Length; p++)
        {
            pixels[p] = new byte[channels];
            for (int c = 0; c < channels; c++)
            {
                int value = 0;
                for (int bit = 0; bit < 8; bit++)
                {
                    value = (value << 1) | DecodeBit(wire[(p * bytesPerPixel) + (c * 8) + bit], chip);
                }

                pixels[p][c] = (byte)value;
            }
        }

        return new Frame(pixels, latch);
    }

    /// <summary>High and low time of one SPI byte treated as a data-bit slot; throws unless it is one pulse.</summary>
    public static (double HighNs, double LowNs) Pulse(byte slot)
    {
        int ones = 0;
        while (ones < 8 && (slot & (0x80 >> ones)) != 0)
        {
            ones++;
        }

        if ((byte)(slot << ones) != 0)
        {
            throw new InvalidDataException($"slot 0b{Convert.ToString(slot, 2).PadLeft(8, '0')} is not a single high pulse");
        }

        return (ones * BitNs, (8 - ones) * BitNs);
    }

    public static int DecodeBit(byte slot, LedChip chip)
    {
        var (high, low) = Pulse(slot);

        // WS2812B: T0H 400, T0L 850, T1H 800, T1L 450 ns; SK6812: T0H 300, T0L 900, T1H 600, T1L 600 ns; all ±150 ns.
        (double t0h, double t0l, double t1h, double t1l) = chip == LedChip.Sk6812 ? (300, 900, 600, 600) : (400, 850.0, 800.0, 450.0);
        const double tol = 150;
        if (Math.Abs(high - t0h) <= tol && Math.Abs(low - t0l) <= tol)
        {
            return 0;
        }

        if (Math.Abs(high - t1h) <= tol && Math.Abs(low - t1l) <= tol)
        {
            return 1;
        }

        throw new InvalidDataException($"pulse {high} ns high / {low} ns low is neither a 0 nor a 1 for {chip}");
    }
}
