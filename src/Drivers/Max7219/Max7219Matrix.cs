using System.Device.Spi;

namespace EdgeCc.Drivers.Max7219;

/// <summary>
/// A cascade of MAX7219-driven 8x8 LED matrices on one SPI chip-select. The logical picture is
/// <see cref="Width"/> x 8 dots; module <c>m</c> shows columns <c>8m … 8m+7</c>. Not thread-safe.
/// </summary>
public sealed class Max7219Matrix : IMatrixDisplay, IDisposable
{
    /// <summary>Datasheet "Timing Characteristics": tCP >= 100 ns, so 10 MHz is the ceiling; mode 0 (data read on the rising CLK edge).</summary>
    public const int SpiClockFrequency = 10_000_000;

    /// <summary>Intensity set by <see cref="Init"/>: 7 = 15/32 duty, readable indoors without glare.</summary>
    public const byte DefaultIntensity = 7;

    private const int Rows = 8;

    private readonly SpiDevice _spi;
    private readonly ModuleRotation[] _rotations;
    private readonly bool _firstModuleOnRight;
    private readonly byte[] _columns;       // logical picture: one byte per column, bit y = row y
    private readonly byte[] _wire;          // one 16-bit word per module, farthest module first
    private bool _disposed;

    /// <summary>Creates the driver. No I/O until <see cref="Init"/>.</summary>
    /// <param name="spi">The SPI device; owned and disposed by this driver.</param>
    /// <param name="cascaded">Number of MAX7219 modules daisy-chained DOUT → DIN.</param>
    /// <param name="firstModuleOnRight">True when the module wired to the Pi is the rightmost one seen from the front
    /// (as on many 4-in-1 "FC-16" boards); false when it is the leftmost.</param>
    public Max7219Matrix(SpiDevice spi, int cascaded = 1, bool firstModuleOnRight = false)
    {
        ArgumentNullException.ThrowIfNull(spi);
        ArgumentOutOfRangeException.ThrowIfLessThan(cascaded, 1);
        _spi = spi;
        Cascaded = cascaded;
        _firstModuleOnRight = firstModuleOnRight;
        _rotations = new ModuleRotation[cascaded];
        _columns = new byte[cascaded * 8];
        _wire = new byte[cascaded * 2];
    }

    /// <summary>Number of modules in the chain.</summary>
    public int Cascaded { get; }

    /// <inheritdoc />
    public int Width => Cascaded * 8;

    /// <inheritdoc />
    public int Height => Rows;

    /// <summary>SPI settings for the chain: <see cref="SpiClockFrequency"/>, mode 0, 8-bit words.</summary>
    public static SpiConnectionSettings CreateSpiSettings(int busId = 0, int chipSelectLine = 0) =>
        new(busId, chipSelectLine)
        {
            ClockFrequency = SpiClockFrequency,
            Mode = SpiMode.Mode0,
            DataBitLength = 8,
        };

    /// <summary>Sets how logical module <paramref name="module"/> (0 = leftmost) is mounted; applies from the next <see cref="Show"/>.</summary>
    public void SetRotation(int module, ModuleRotation rotation)
    {
        CheckModule(module);
        if (!Enum.IsDefined(rotation))
        {
            throw new ArgumentOutOfRangeException(nameof(rotation), rotation, "Unknown rotation.");
        }

        _rotations[module] = rotation;
    }

    /// <summary>Rotation of a logical module.</summary>
    public ModuleRotation GetRotation(int module)
    {
        CheckModule(module);
        return _rotations[module];
    }

    /// <summary>
    /// Datasheet "Initial Power-Up": the chip starts in shutdown scanning one digit, no decode, minimum intensity,
    /// so program every control register (display test off too: noisy supplies can leave it set), blank the digit
    /// registers, and leave shutdown last so nothing stale is ever lit.
    /// </summary>
    /// <exception cref="IOException">An SPI write failed.</exception>
    public void Init()
    {
        WriteAll(Register.DisplayTest, 0);
        WriteAll(Register.ScanLimit, 0x07);
        WriteAll(Register.DecodeMode, 0x00);
        WriteAll(Register.Intensity, DefaultIntensity);
        Clear();
        Show();
        WriteAll(Register.Shutdown, 1);
    }

    /// <summary>Sets the PWM intensity (0–15) of every module.</summary>
    public void SetIntensity(byte level)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, (byte)15);
        WriteAll(Register.Intensity, level);
    }

    /// <summary>Sets the PWM intensity (0–15) of one logical module; the others receive no-ops.</summary>
    public void SetIntensity(int module, byte level)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, (byte)15);
        WriteRegister(module, Register.Intensity, level);
    }

    /// <summary>Puts every module in shutdown (LEDs off, registers kept) or back to normal operation.</summary>
    public void SetShutdown(bool shutdown) => WriteAll(Register.Shutdown, shutdown ? (byte)0 : (byte)1);

    /// <inheritdoc />
    public void SetPixel(int x, int y, bool on)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(x, Width);
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(y, Rows);
        if (on)
        {
            _columns[x] |= (byte)(1 << y);
        }
        else
        {
            _columns[x] &= (byte)~(1 << y);
        }
    }

    /// <summary>Whether a dot of the prepared frame is on.</summary>
    public bool GetPixel(int x, int y)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(x, Width);
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(y, Rows);
        return (_columns[x] & (1 << y)) != 0;
    }

    /// <inheritdoc />
    public void Clear() => Array.Clear(_columns);

    /// <summary>Sends the frame: eight SPI writes (one per digit register), each carrying one word per module.</summary>
    /// <exception cref="IOException">An SPI write failed.</exception>
    public void Show()
    {
        for (int row = 0; row < Rows; row++)
        {
            for (int module = 0; module < Cascaded; module++)
            {
                SetWord(ChainPosition(module), (byte)((int)Register.Digit0 + row), PhysicalRow(module, row));
            }

            Send();
        }
    }

    /// <summary>Writes one register of one logical module; every other module in the chain gets a no-op.</summary>
    public void WriteRegister(int module, Register register, byte data)
    {
        CheckModule(module);
        Array.Clear(_wire);
        SetWord(ChainPosition(module), (byte)register, data);
        Send();
    }

    /// <summary>Writes the same register value to every module in one transfer.</summary>
    public void WriteAll(Register register, byte data)
    {
        for (int position = 0; position < Cascaded; position++)
        {
            SetWord(position, (byte)register, data);
        }

        Send();
    }

    /// <summary>Disposes the SPI device (the modules keep showing the last frame).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _spi.Dispose();
    }

    private int ChainPosition(int module) => _firstModuleOnRight ? Cascaded - 1 - module : module;

    // Datasheet "Serial-Addressing Modes": words shift through the chain on DIN → DOUT and all are latched on
    // LOAD's rising edge, so the first word clocked out ends in the farthest module: position p goes at slot N-1-p.
    private void SetWord(int chainPosition, byte address, byte data)
    {
        int slot = (Cascaded - 1 - chainPosition) * 2;
        _wire[slot] = address;
        _wire[slot + 1] = data;
    }

    // Digit register `row` of a module: bit 7 is the module's leftmost column when unrotated.
    private byte PhysicalRow(int module, int row)
    {
        ModuleRotation rotation = _rotations[module];
        int baseX = module * 8;
        int value = 0;
        for (int column = 0; column < 8; column++)
        {
            // (column, row) is a dot on the module; find which logical dot lands there.
            (int lx, int ly) = rotation switch
            {
                ModuleRotation.Right => (row, 7 - column),
                ModuleRotation.Half => (7 - column, 7 - row),
                ModuleRotation.Left => (7 - row, column),
                _ => (column, row),
            };
            if ((_columns[baseX + lx] & (1 << ly)) != 0)
            {
                value |= 0x80 >> column;
            }
        }

        return (byte)value;
    }

    private void Send()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            _spi.Write(_wire);
        }
        catch (IOException ex)
        {
            throw new IOException($"MAX7219 chain of {Cascaded}: SPI write failed; check dtparam=spi=on and the CS line.", ex);
        }
    }

    private void CheckModule(int module)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(module);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(module, Cascaded);
    }
}
