using System.ComponentModel.DataAnnotations;

namespace EdgeCc.Agent.Uplink;

/// <summary>Configuration section <c>Uplink</c>: where and how this box reports to central.</summary>
internal sealed class UplinkOptions
{
    public const string Section = "Uplink";

    /// <summary>Off by default: a box without a broker keeps everything in its outbox until one is configured.</summary>
    public bool Enabled { get; set; }

    /// <summary>Site name, one topic segment (<c>edgecc/v1/{Site}/...</c>).</summary>
    public string Site { get; set; } = "";

    /// <summary>Device name, unique on the site, one topic segment.</summary>
    public string Device { get; set; } = "";

    public string BrokerHost { get; set; } = "127.0.0.1";

    /// <summary>1883 plain, 8883 with TLS by convention.</summary>
    public int BrokerPort { get; set; } = 1883;

    /// <summary>Defaults to <c>edgecc-{Site}-{Device}</c>; the persistent session is keyed by it.</summary>
    public string? ClientId { get; set; }

    public string? Username { get; set; }

    /// <summary>Never logged.</summary>
    public string? Password { get; set; }

    public UplinkTlsOptions Tls { get; set; } = new();

    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the broker keeps this box's session (and its queued config) while it is away.</summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First reconnect delay; each failure doubles it up to <see cref="ReconnectMaxDelay"/>, with jitter.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Publishes awaiting PUBACK at once; more hides WAN latency, fewer resends after a drop. The
    /// broker's Receive Maximum caps it per connection (mosquitto's <c>max_inflight_messages</c>,
    /// 20 unless configured). One at a time drained ~370 messages/s to a local mosquitto.
    /// </summary>
    [Range(1, 1000)]
    public int MaxInFlight { get; set; } = 256;

    /// <summary>Top-level configuration sections a remote config may set (never Uplink or Store).</summary>
    public IList<string> RemoteConfigSections { get; set; } = ["Analysis", "Floor"];

    public string EffectiveClientId => string.IsNullOrEmpty(ClientId) ? $"edgecc-{Site}-{Device}" : ClientId;
}
