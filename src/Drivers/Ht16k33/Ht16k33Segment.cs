using System.Device.I2c;

namespace EdgeCc.Drivers.Ht16k33;

/// <summary>
/// A 4-digit 7-segment backpack driven by a Holtek HT16K33 over I2C (Adafruit-style layout: digits at RAM
/// addresses 0x00, 0x02, 0x06, 0x08; colon at 0x04 bit 1). Not thread-safe.
/// </summary>
public sealed class Ht16k33Segment : ISegmentDisplay, IDisposable
{
    /// <summary>Address with A0–A2 open (datasheet "Slave Address": 1110 A2 A1 A0).</summary>
    public const int DefaultI2cAddress = 0x70;

    /// <summary>Dimming level set by <see cref="Init"/> (0–15, duty (level + 1)/16).</summary>
    public const byte DefaultBrightness = 15;

    private const int RamBytes = 16;
    private const byte ColonAddress = 0x04;
    private const byte ColonBit = 0b0000_0010;
    private static readonly byte[] DigitAddresses = [0x00, 0x02, 0x06, 0x08];

    private readonly I2cDevice _i2c;
    private readonly byte[] _digits = new byte[4];
    private readonly byte[] _frame = new byte[1 + 10]; // address pointer 0x00, then RAM 0x00–0x09
    private readonly byte[] _command = new byte[1];
    private BlinkRate _blink = BlinkRate.Off;
    private bool _displayOn = true;
    private bool _disposed;

    /// <summary>Creates the driver. No I/O until <see cref="Init"/>.</summary>
    /// <param name="i2c">The I2C device at the backpack's address; owned and disposed by this driver.</param>
    public Ht16k33Segment(I2cDevice i2c)
    {
        ArgumentNullException.ThrowIfNull(i2c);
        _i2c = i2c;
    }

    /// <inheritdoc />
    public int DigitCount => _digits.Length;

    /// <summary>Whether the colon is lit in the prepared frame.</summary>
    public bool Colon { get; set; }

    /// <summary>I2C settings for a backpack on bus 1 (GPIO2/3 on a Pi).</summary>
    public static I2cConnectionSettings CreateI2cSettings(int busId = 1, int address = DefaultI2cAddress) => new(busId, address);

    /// <summary>
    /// At power-on the chip is in standby with the display off (datasheet "System Setup Register" and "Display
    /// Setup Register" defaults): start the oscillator, select ROW outputs,
    /// set dimming, clear all 16 RAM bytes, then turn the display on.
    /// </summary>
    /// <exception cref="IOException">An I2C write failed (not acknowledged).</exception>
    public void Init()
    {
        SendCommand((byte)((byte)Command.SystemSetup | 0b1));
        SendCommand((byte)Command.RowIntSet);
        SendCommand((byte)((byte)Command.DimmingSet | DefaultBrightness));
        Span<byte> clear = stackalloc byte[1 + RamBytes];
        clear.Clear();
        Send(clear);
        _blink = BlinkRate.Off;
        _displayOn = true;
        SendDisplaySetup();
    }

    /// <summary>Sets dimming (0–15): 16 PWM steps, duty (level + 1)/16.</summary>
    public void SetBrightness(byte level)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, (byte)15);
        SendCommand((byte)((byte)Command.DimmingSet | level));
    }

    /// <summary>Sets the hardware blink rate of the whole display.</summary>
    public void SetBlinkRate(BlinkRate rate)
    {
        if (!Enum.IsDefined(rate))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "Unknown blink rate.");
        }

        _blink = rate;
        SendDisplaySetup();
    }

    /// <summary>Turns the display on or off (RAM is kept).</summary>
    public void SetDisplayOn(bool on)
    {
        _displayOn = on;
        SendDisplaySetup();
    }

    /// <inheritdoc />
    public void Write(string text) => Colon = SevenSegment.Layout(text, _digits);

    /// <summary>Sets a digit's raw segment pattern (bit 0 = A … bit 6 = G, bit 7 = DP).</summary>
    public void SetDigit(int position, byte segments)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(position, _digits.Length);
        _digits[position] = segments;
    }

    /// <summary>Sends the digits and colon in one I2C write (address pointer + 10 RAM bytes).</summary>
    /// <exception cref="IOException">The I2C write failed.</exception>
    public void Show()
    {
        Array.Clear(_frame);
        _frame[0] = (byte)Command.DisplayDataAddress;
        for (int i = 0; i < _digits.Length; i++)
        {
            _frame[1 + DigitAddresses[i]] = _digits[i];
        }

        _frame[1 + ColonAddress] = Colon ? ColonBit : (byte)0;
        Send(_frame);
    }

    /// <summary>Disposes the I2C device; the display keeps its last content.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _i2c.Dispose();
    }

    private void SendDisplaySetup() =>
        SendCommand((byte)((byte)Command.DisplaySetup | ((byte)_blink << 1) | (_displayOn ? 1 : 0)));

    private void SendCommand(byte command)
    {
        _command[0] = command;
        Send(_command);
    }

    private void Send(ReadOnlySpan<byte> bytes)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            _i2c.Write(bytes);
        }
        catch (IOException ex)
        {
            throw new IOException(
                $"HT16K33 at 0x{_i2c.ConnectionSettings.DeviceAddress:X2} on I2C bus {_i2c.ConnectionSettings.BusId}: write failed; check wiring, address jumpers and dtparam=i2c_arm=on.",
                ex);
        }
    }
}
