namespace EdgeCc.Agent.Floor;

/// <summary>The floor's health figures for /health and the metrics: display faults and the AMI feed.</summary>
internal sealed class FloorHealth(LightsService lights, AmiQueueFeed ami)
{
    public FloorHealthSnapshot Snapshot() => new(
        lights.DisplayFailures,
        lights.FaultedDisplays,
        lights.StripWrites,
        ami.Connected,
        ami.Sessions,
        ami.Failures,
        ami.EventsHandled);
}
