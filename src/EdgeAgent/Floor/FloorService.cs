using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Hosting;
using EdgeCc.Agent.Telephony;
using Microsoft.Extensions.Hosting;

namespace EdgeCc.Agent.Floor;

/// <summary>
/// Feeds call events, detections and live signals (customer arousal, dead air) from analysis into
/// the <see cref="FloorState"/>, and call events (with the dialled number of a new call) into the SIP-derived queue view.
/// </summary>
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
            else if (item.Signals is { } signals)
            {
                floor.ReportArousal(signals.CallId, signals.CustomerArousal);
                floor.ReportSilence(signals.CallId, signals.SilentFor);
            }
            else
            {
                if (item.Event is CallStarted { Dialled: { } dialled } started)
                {
                    queues.Offer(started.CallId, dialled);
                }

                floor.Apply(item.Event!);
                queues.Apply(item.Event!);
            }
        }
    }
}
