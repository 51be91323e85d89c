using System.ComponentModel.DataAnnotations;

namespace EdgeCc.Agent.Uplink;

/// <summary>
/// Configuration section <c>SiteFloor</c>: how this box shares its part of the floor with the
/// site (retained <c>floor</c>, periodic <c>metrics</c>) and whether it is the site's wallboard
/// host, which merges every box's part into one view. Needs <c>Uplink:Enabled</c>: the broker
/// and its TLS and credentials are the uplink's.
/// </summary>
internal sealed class SiteFloorOptions
{
    public const string Section = "SiteFloor";

    /// <summary>
    /// At most one floor snapshot per this many seconds: a call start or a burst of detections
    /// changes several agents at once and is sent as one retained message.
    /// </summary>
    [Range(1, 60)]
    public int MinIntervalSeconds { get; set; } = 1;

    /// <summary>
    /// The snapshot is sent again at least this often even when nothing changed, so a subscriber
    /// can tell a quiet box from a stuck one by the snapshot's <c>at</c>.
    /// </summary>
    [Range(1, 3600)]
    public int RefreshSeconds { get; set; } = 30;

    /// <summary>A metrics snapshot (stored, and sent on <c>metrics</c>) every this many seconds; 0 turns them off.</summary>
    [Range(0, 86_400)]
    public int MetricsIntervalSeconds { get; set; } = 60;

    /// <summary>This box is the site's wallboard host: it subscribes to every box's floor, alerts and status.</summary>
    public bool Wallboard { get; set; }

    /// <summary>
    /// On the wallboard host, a box's part whose newest snapshot is older than this is marked
    /// stale. Three refreshes by default, so one lost message does not flag a box.
    /// </summary>
    [Range(2, 86_400)]
    public int StaleAfterSeconds { get; set; } = 90;

    /// <summary>The wallboard subscriber's MQTT client id; defaults to the uplink's client id + <c>-wallboard</c>.</summary>
    public string? ClientId { get; set; }
}
