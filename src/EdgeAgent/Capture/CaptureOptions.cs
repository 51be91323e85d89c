using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;

namespace EdgeCc.Agent.Capture;

/// <summary>Configuration section <c>Capture</c>: passive SIP/RTP capture from a mirror port.</summary>
public sealed class CaptureOptions
{
    public const string Section = "Capture";

    /// <summary>The interface to sniff (e.g. <c>eth1</c>); live capture is off when empty.</summary>
    public string? Interface { get; set; }

    /// <summary>A BPF filter; when empty one is built from <see cref="SipPorts"/> and the RTP range.</summary>
    public string? Filter { get; set; }

    public List<int> SipPorts { get; set; } = [5060];

    [Range(1, 65535)]
    public int RtpPortMin { get; set; } = 10000;

    [Range(1, 65535)]
    public int RtpPortMax { get; set; } = 20000;

    [Range(256, 262144)]
    public int SnapLength { get; set; } = 65535;

    [Range(1, 1024)]
    public int BufferSizeMegabytes { get; set; } = 32;

    [Range(10, 10_000)]
    public int ReadTimeoutMilliseconds { get; set; } = 200;

    public bool Promiscuous { get; set; } = true;

    /// <summary>How often kernel drop counters are read and logged.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan StatisticsInterval { get; set; } = TimeSpan.FromSeconds(30);

    public string EffectiveFilter => string.IsNullOrWhiteSpace(Filter) ? BuildDefaultFilter() : Filter;

    private string BuildDefaultFilter()
    {
        var ports = new StringBuilder();
        foreach (var port in SipPorts)
        {
            ports.Append(ports.Length == 0 ? "port " : " or port ").Append(port.ToString(CultureInfo.InvariantCulture));
        }

        var media = string.Create(CultureInfo.InvariantCulture, $"udp portrange {RtpPortMin}-{RtpPortMax}");
        var signalling = ports.Length == 0 ? media : $"{ports} or {media}";

        // Non-first fragments carry no ports and tunnels hide them, so both pass the filter
        // and the decoder sorts them out; the vlan clause repeats the match inside one tag.
        return $"({signalling}) or (ip[6:2] & 0x3fff != 0) or (ip6 and ip6[6] == 44) or proto gre or ip proto 4 or (vlan and ({signalling}))";
    }
}
