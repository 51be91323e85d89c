namespace EdgeCc.Agent.Floor;

/// <summary>
/// One queue's figures. <see cref="ServiceLevel"/> is the share of offered calls answered within the
/// queue's service-level time, <see cref="AbandonRate"/> the share abandoned; both null before any call.
/// </summary>
public sealed record QueueStats(
    string Queue,
    int Waiting,
    TimeSpan LongestWait,
    int AgentsAvailable,
    int Answered,
    int Abandoned,
    double? ServiceLevel,
    double? AbandonRate);
