using System.Device.I2c;

namespace EdgeCc.Drivers.Tests.Fakes;

/// <summary>An I2C device that keeps every write transaction (bytes after the address byte).</summary>
public sealed class RecordingI2cDevice : I2cDevice
{
    private readonly I2cConnectionSettings _settings;

    public RecordingI2cDevice(int address = 0x70)
    {
        _settings = new I2cConnectionSettings(1, address);
    }

    public List<byte[]> Writes { get; } = [];

    public bool ThrowOnWrite { get; set; }

    public bool IsDisposed { get; private set; }

    public override I2cConnectionSettings ConnectionSettings => _settings;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (ThrowOnWrite)
        {
            throw new IOException("fake I2C: remote I/O error (no ACK)");
        }

        Writes.Add(buffer.ToArray());
    }

    public override void WriteByte(byte value) => Write([value]);

    public override byte ReadByte() => throw new NotSupportedException();

    public override void Read(Span<byte> buffer) => throw new NotSupportedException();

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) =>
        throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        IsDisposed = true;
        base.Dispose(disposing);
    }
}
