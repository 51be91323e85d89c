using SharpPcap;
using SharpPcap.LibPcap;

namespace EdgeCc.Agent.Capture;

/// <summary>Reads a pcap or pcapng file through libpcap.</summary>
internal sealed class PcapFileSource : IPacketSource
{
    private readonly CaptureFileReaderDevice _device;

    public PcapFileSource(string path, string? filter = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Capture file {path} does not exist.", path);
        }

        _device = new CaptureFileReaderDevice(path);
        try
        {
            _device.Open(new DeviceConfiguration());
            if (!string.IsNullOrWhiteSpace(filter))
            {
                _device.Filter = filter;
            }
        }
        catch
        {
            _device.Dispose();
            throw;
        }

        Link = PcapTime.ToLinkKind(_device.LinkType);
    }

    public LinkKind Link { get; }

    public PacketReadStatus Read(out CapturedFrame frame)
    {
        var status = _device.GetNextPacket(out var capture);
        if (status != GetPacketStatus.PacketRead)
        {
            frame = default;
            return status == GetPacketStatus.NoRemainingPackets ? PacketReadStatus.EndOfCapture : PacketReadStatus.Error;
        }

        frame = new CapturedFrame(capture.Data, PcapTime.ToTicks(capture.Header.Timeval));
        return PacketReadStatus.Packet;
    }

    public void Dispose() => _device.Dispose();
}
