using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Hosting;
using Microsoft.Extensions.Hosting;

namespace EdgeCc.Agent.Floor;

/// <summary>Feeds call events and detections from analysis into the <see cref="FloorState"/> and the SIP-derived queue view.</summary>
internal sealed class FloorService(FloorState floor, SipQueueView queues, StageChannel<AnalysisEvent> events) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var item in events.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            if (item.Detection is { } detection)
            {
                floor.Apply(detection);
            }
            else
            {
                floor.Apply(item.Event!);
                queues.Apply(item.Event!);
            }
        }
    }
}
