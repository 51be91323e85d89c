namespace EdgeCc.Agent.Uplink;

/// <summary>How far the wallboard host trusts a box's part of the floor.</summary>
internal enum SitePartState
{
    /// <summary>Online and its newest snapshot is younger than <see cref="SiteFloorOptions.StaleAfterSeconds"/>.</summary>
    Live,

    /// <summary>Online (or not known to be offline) but no fresh snapshot: shown greyed with its age.</summary>
    Stale,

    /// <summary>Its retained status says offline: it said goodbye, or the broker sent its last will.</summary>
    Offline,
}
