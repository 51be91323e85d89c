namespace EdgeCc.Agent.Floor;

internal enum WallboardFigureKind
{
    Waiting,
    LongestWait,
    Available,
    ServiceLevel,
    AbandonRate,
    Alerts,
}
