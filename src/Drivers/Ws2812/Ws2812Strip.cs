using System.Buffers.Binary;
using System.Device.Spi;
using System.Drawing;

namespace EdgeCc.Drivers.Ws2812;

/// <summary>
/// A WS2812B / SK6812 strip driven from SPI MOSI only. Every data bit becomes one SPI byte at
/// <see cref="SpiClockFrequency"/>; the frame (all pixels plus the latch gap) lives in one buffer that is kept
/// encoded as pixels change and goes out in a single <see cref="SpiDevice.Write"/>.
/// Not thread-safe: one owner sets pixels and calls <see cref="Show"/>.
/// </summary>
public sealed class Ws2812Strip : IPixelStrip, IDisposable
{
    /// <summary>SPI clock: 8 SPI bits per 1.25 µs data bit (156.25 ns resolution).</summary>
    public const int SpiClockFrequency = 6_400_000;

    /// <summary>SPI bytes per colour byte (one SPI byte per data bit).</summary>
    public const int SpiBytesPerColorByte = 8;

    /// <summary>Default gamma: makes the perceived brightness steps of the 8-bit PWM roughly even.</summary>
    public const double DefaultGamma = 2.8;

    private readonly SpiDevice _spi;
    private readonly byte[] _buffer;
    private readonly ulong[] _table;
    private readonly byte[] _levels = new byte[256];
    private readonly Color[] _colors;
    private readonly byte[] _whites;
    private readonly ColorOrder _order;
    private readonly int _channels;
    private readonly double _gamma;
    private byte _brightness = 255;
    private bool _disposed;

    /// <summary>Creates the strip. No I/O happens until <see cref="Show"/>.</summary>
    /// <param name="spi">The SPI device; the strip owns it and disposes it.</param>
    /// <param name="count">Number of pixels.</param>
    /// <param name="chip">Pixel controller (timing and latch gap).</param>
    /// <param name="order">Byte order on the wire.</param>
    /// <param name="gamma">Gamma applied after brightness; 1.0 is linear.</param>
    public Ws2812Strip(SpiDevice spi, int count, LedChip chip = LedChip.Ws2812b, ColorOrder order = ColorOrder.Grb, double gamma = DefaultGamma)
    {
        ArgumentNullException.ThrowIfNull(spi);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (!Enum.IsDefined(chip))
        {
            throw new ArgumentOutOfRangeException(nameof(chip), chip, "Unknown LED chip.");
        }

        if (!Enum.IsDefined(order))
        {
            throw new ArgumentOutOfRangeException(nameof(order), order, "Unknown colour order.");
        }

        if (!(gamma > 0 && gamma <= 5))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "Gamma must be in (0, 5].");
        }

        _spi = spi;
        Chip = chip;
        _order = order;
        _gamma = gamma;
        _channels = order == ColorOrder.Grbw ? 4 : 3;
        _colors = new Color[count];
        _whites = new byte[count];
        _table = Ws2812Timing.BuildTable(chip);
        LatchBytes = Ws2812Timing.LatchBytes(chip);

        // The tail stays zero: it is the latch gap that makes the pixels take the frame.
        _buffer = new byte[(count * _channels * SpiBytesPerColorByte) + LatchBytes];
        RebuildLevels();
        EncodeAll();
    }

    /// <inheritdoc />
    public int Count => _colors.Length;

    /// <summary>Pixel controller this strip encodes for.</summary>
    public LedChip Chip { get; }

    /// <summary>Zero bytes after the pixel data that hold the line low for the chip's reset time.</summary>
    public int LatchBytes { get; }

    /// <summary>Bytes in one <see cref="Show"/>; spidev's <c>bufsiz</c> module parameter must be at least this.</summary>
    public int BufferLength => _buffer.Length;

    /// <summary>Scales every channel before gamma (0 = off, 255 = full). Re-encodes the frame.</summary>
    public byte Brightness
    {
        get => _brightness;
        set
        {
            if (value == _brightness)
            {
                return;
            }

            _brightness = value;
            RebuildLevels();
            EncodeAll();
        }
    }

    /// <summary>SPI settings this strip needs: <see cref="SpiClockFrequency"/>, mode 0, 8-bit words.</summary>
    public static SpiConnectionSettings CreateSpiSettings(int busId = 0, int chipSelectLine = 0) =>
        new(busId, chipSelectLine)
        {
            ClockFrequency = SpiClockFrequency,
            Mode = SpiMode.Mode0,
            DataBitLength = 8,
        };

    /// <inheritdoc />
    public void SetPixel(int index, Color color) => SetPixel(index, color, 0);

    /// <summary>Sets a pixel including the white channel (used only with <see cref="ColorOrder.Grbw"/>).</summary>
    public void SetPixel(int index, Color color, byte white)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _colors.Length);
        _colors[index] = color;
        _whites[index] = white;
        Encode(index);
    }

    /// <summary>The colour last set for a pixel (before brightness and gamma).</summary>
    public Color GetPixel(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _colors.Length);
        return _colors[index];
    }

    /// <inheritdoc />
    public void Clear()
    {
        Array.Clear(_colors);
        Array.Clear(_whites);
        EncodeAll();
    }

    /// <inheritdoc />
    /// <exception cref="IOException">The SPI write failed; the message names the buffer size to check against spidev.bufsiz.</exception>
    public void Show()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            _spi.Write(_buffer);
        }
        catch (IOException ex)
        {
            throw new IOException(
                $"WS2812 strip: SPI write of {_buffer.Length} bytes ({Count} pixels) failed; check dtparam=spi=on and that spidev.bufsiz >= {_buffer.Length}.",
                ex);
        }
    }

    /// <summary>Disposes the SPI device. The pixels keep their last colours.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _spi.Dispose();
    }

    private void RebuildLevels()
    {
        for (int value = 0; value < 256; value++)
        {
            double scaled = value * _brightness / (255.0 * 255.0);
            _levels[value] = (byte)Math.Round(255 * Math.Pow(scaled, _gamma));
        }
    }

    private void EncodeAll()
    {
        for (int i = 0; i < _colors.Length; i++)
        {
            Encode(i);
        }
    }

    private void Encode(int index)
    {
        Color c = _colors[index];
        Span<byte> pixel = _buffer.AsSpan(index * _channels * SpiBytesPerColorByte, _channels * SpiBytesPerColorByte);
        if (_order == ColorOrder.Rgb)
        {
            Put(pixel, 0, c.R);
            Put(pixel, 1, c.G);
        }
        else
        {
            Put(pixel, 0, c.G);
            Put(pixel, 1, c.R);
        }

        Put(pixel, 2, c.B);
        if (_channels == 4)
        {
            Put(pixel, 3, _whites[index]);
        }
    }

    private void Put(Span<byte> pixel, int channel, byte value) =>
        BinaryPrimitives.WriteUInt64BigEndian(pixel.Slice(channel * SpiBytesPerColorByte, SpiBytesPerColorByte), _table[_levels[value]]);
}
