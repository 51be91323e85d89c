namespace EdgeCc.Agent.Floor;

/// <summary>
/// <see cref="DisplayFailures"/> counts failed display writes since start; <see cref="FaultedDisplays"/>
/// is how many displays are failing now. The AMI figures are zero when the feed is disabled.
/// </summary>
internal sealed record FloorHealthSnapshot(
    long DisplayFailures,
    int FaultedDisplays,
    long StripWrites,
    bool AmiConnected,
    long AmiSessions,
    long AmiFailures,
    long AmiEvents);
