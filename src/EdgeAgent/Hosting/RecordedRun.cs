using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Capture;
using EdgeCc.Agent.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeCc.Agent.Hosting;

/// <summary>
/// Runs recorded calls through the whole pipeline in a host of their own and waits until
/// every summary is in the store: what <c>demo</c> and <c>replay</c> share.
/// </summary>
internal static class RecordedRun
{
    public static async Task<IReadOnlyList<CallSummary>> PlayAsync(IHost host, IReadOnlyList<FileCall> calls, double speed, CancellationToken cancellationToken)
    {
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        var services = host.Services;
        var pipeline = services.GetRequiredService<AnalysisPipeline>();
        var source = services.GetRequiredService<FileCallSource>();
        var played = await source.PlayAsync(calls, pipeline, speed, cancellationToken).ConfigureAwait(false);
        pipeline.Complete();

        // Analysis completes the summaries channel after its last call; the store then drains it.
        foreach (var service in services.GetServices<IHostedService>())
        {
            if (service is AnalysisService or Floor.FloorService or StoreService && service is BackgroundService { ExecuteTask: { } task })
            {
                await task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        var summaries = services.GetRequiredService<SummaryStore>().List(played);
        await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        if (played == 0)
        {
            throw new InvalidDataException("none of the recordings could be played");
        }

        return summaries;
    }
}
