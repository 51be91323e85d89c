using SharpPcap;

namespace EdgeCc.Agent.Capture;

internal static class PcapTime
{
    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;

    /// <summary>UTC ticks from a pcap timeval, without the decimal arithmetic of <see cref="PosixTimeval.Date"/>.</summary>
    public static long ToTicks(PosixTimeval timeval) =>
        UnixEpochTicks + ((long)timeval.Seconds * TimeSpan.TicksPerSecond) + ((long)timeval.MicroSeconds * TimeSpan.TicksPerMicrosecond);

    public static LinkKind ToLinkKind(PacketDotNet.LinkLayers link) => (int)link switch
    {
        1 => LinkKind.Ethernet,
        113 => LinkKind.LinuxSll,
        276 => LinkKind.LinuxSll2,
        0 => LinkKind.Null,
        12 or 14 or 101 => LinkKind.Raw, // DLT_RAW differs between platforms; LINKTYPE_RAW is 101
        _ => (LinkKind)(int)link,
    };
}
