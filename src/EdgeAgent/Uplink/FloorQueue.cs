namespace EdgeCc.Agent.Uplink;

internal sealed record FloorQueue(string QueueId, int Waiting, TimeSpan LongestWait);
