using System.Device.Spi;

namespace EdgeCc.Drivers.Tests.Fakes;

/// <summary>An SPI device that keeps every write (one entry per chip-select frame) instead of driving pins.</summary>
public sealed class RecordingSpiDevice : SpiDevice
{
    private readonly SpiConnectionSettings _settings;

    public RecordingSpiDevice(SpiConnectionSettings? settings = null)
    {
        _settings = settings ?? new SpiConnectionSettings(0, 0);
    }

    public List<byte[]> Writes { get; } = [];

    public bool ThrowOnWrite { get; set; }

    public bool IsDisposed { get; private set; }

    public override SpiConnectionSettings ConnectionSettings => _settings;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (ThrowOnWrite)
        {
            throw new IOException("fake SPI: write failed");
        }

        Writes.Add(buffer.ToArray());
    }

    public override void WriteByte(byte value) => Write([value]);

    public override byte ReadByte() => throw new NotSupportedException();

    public override void Read(Span<byte> buffer) => throw new NotSupportedException();

    public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) =>
        throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        IsDisposed = true;
        base.Dispose(disposing);
    }
}
