using SharpPcap;
using SharpPcap.LibPcap;

namespace EdgeCc.Agent.Capture;

/// <summary>Captures from a network interface (a SPAN/mirror port) through libpcap; needs CAP_NET_RAW.</summary>
internal sealed class LivePcapSource : IPacketSource
{
    private readonly LibPcapLiveDevice _device;

    public LivePcapSource(CaptureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var name = options.Interface ?? throw new ArgumentException("Capture:Interface is not set.", nameof(options));
        LibPcapLiveDevice? found = null;
        foreach (var device in LibPcapLiveDeviceList.Instance)
        {
            if (string.Equals(device.Name, name, StringComparison.Ordinal))
            {
                found = device;
                break;
            }
        }

        _device = found ?? throw new InvalidOperationException($"Capture:Interface '{name}' is not a capture device libpcap knows.");
        _device.Open(new DeviceConfiguration
        {
            Mode = options.Promiscuous ? DeviceModes.Promiscuous : DeviceModes.None,
            ReadTimeout = options.ReadTimeoutMilliseconds,
            Snaplen = options.SnapLength,
            BufferSize = options.BufferSizeMegabytes * 1024 * 1024,
            Immediate = true,
        });
        _device.Filter = options.EffectiveFilter;
        Link = PcapTime.ToLinkKind(_device.LinkType);
    }

    public LinkKind Link { get; }

    public CaptureStatistics Statistics
    {
        get
        {
            var stats = _device.Statistics;
            return new CaptureStatistics(stats.ReceivedPackets, stats.DroppedPackets, stats.InterfaceDroppedPackets);
        }
    }

    public PacketReadStatus Read(out CapturedFrame frame)
    {
        var status = _device.GetNextPacket(out var capture);
        switch (status)
        {
            case GetPacketStatus.PacketRead:
                frame = new CapturedFrame(capture.Data, PcapTime.ToTicks(capture.Header.Timeval));
                return PacketReadStatus.Packet;
            case GetPacketStatus.ReadTimeout:
                frame = default;
                return PacketReadStatus.Timeout;
            case GetPacketStatus.NoRemainingPackets:
                frame = default;
                return PacketReadStatus.EndOfCapture;
            default:
                frame = default;
                return PacketReadStatus.Error;
        }
    }

    public void Dispose()
    {
        _device.Close();
    }
}
