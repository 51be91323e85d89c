using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeCc.Agent.Hosting;

/// <summary>
/// Runs recorded calls through the whole pipeline in a host of their own and waits until
/// every summary is in the store: what <c>demo</c> and <c>replay</c> share. <paramref name="play"/>
/// feeds the analysis input and returns how many calls it started.
/// </summary>
internal static class RecordedRun
{
    public delegate Task<int> Player(IServiceProvider services, ICallInputSink sink, CancellationToken cancellationToken);

    public static async Task<IReadOnlyList<CallSummary>> PlayAsync(IHost host, Player play, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(play);
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        var services = host.Services;
        var pipeline = services.GetRequiredService<AnalysisPipeline>();
        var store = services.GetRequiredService<SummaryStore>();
        var before = store.Count;
        var played = await play(services, pipeline, cancellationToken).ConfigureAwait(false);
        pipeline.Complete();

        // Analysis completes the summaries channel after its last call; the store then drains it.
        foreach (var service in services.GetServices<IHostedService>())
        {
            if (service is AnalysisService or Floor.FloorService or StoreService && service is BackgroundService { ExecuteTask: { } task })
            {
                await task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        var summaries = store.List(store.Count - before);
        await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        if (played == 0)
        {
            throw new InvalidDataException("no call could be played from the recording");
        }

        return summaries;
    }

    /// <summary>Plays recorded WAV calls (see <see cref="Capture.FileCallSource"/>).</summary>
    public static Task<IReadOnlyList<CallSummary>> PlayAsync(IHost host, IReadOnlyList<Capture.FileCall> calls, double speed, CancellationToken cancellationToken)
        => PlayAsync(host, (services, sink, ct) => services.GetRequiredService<Capture.FileCallSource>().PlayAsync(calls, sink, speed, ct), cancellationToken);
}
