using EdgeCc.Agent.Analysis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Capture;

/// <summary>
/// Runs one <see cref="HeadsetDeskRunner"/> per configured desk and delivers their calls to
/// analysis. Each desk fails, backs off and recovers on its own.
/// </summary>
internal sealed class HeadsetCaptureService : BackgroundService
{
    private readonly IReadOnlyList<HeadsetDeskRunner> _runners;
    private readonly AlsaConfigHandle? _alsaConfig;

    public HeadsetCaptureService(IOptions<HeadsetOptions> options, ICallInputSink sink, TimeProvider time, ILogger<HeadsetCaptureService> logger)
        : this(options, sink, time, logger, openPcm: null, openHid: null)
    {
    }

    internal HeadsetCaptureService(
        IOptions<HeadsetOptions> options,
        ICallInputSink sink,
        TimeProvider time,
        ILogger<HeadsetCaptureService> logger,
        Func<string, AlsaStreamRequest, AlsaPcmStream>? openPcm,
        Func<string, Stream>? openHid)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        if (openPcm is null)
        {
            _alsaConfig = string.IsNullOrWhiteSpace(value.AlsaConfigPath) ? null : AlsaConfigHandle.Load(value.AlsaConfigPath);
            var config = _alsaConfig;
            openPcm = (name, request) => AlsaPcm.OpenCapture(name, request, config);
        }

        var runners = new List<HeadsetDeskRunner>(value.Desks.Count);
        foreach (var desk in value.Desks)
        {
            runners.Add(new HeadsetDeskRunner(desk, value, sink, time, logger, openPcm, openHid));
        }

        _runners = runners;
    }

    public IReadOnlyList<HeadsetDeskRunner> Desks => _runners;

    /// <summary>The health of every desk, for the health endpoint and metrics.</summary>
    public IReadOnlyList<HeadsetDeskHealth> Snapshot()
    {
        var snapshot = new HeadsetDeskHealth[_runners.Count];
        for (var i = 0; i < snapshot.Length; i++)
        {
            snapshot[i] = _runners[i].Health;
        }

        return snapshot;
    }

    public override void Dispose()
    {
        base.Dispose();
        _alsaConfig?.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var runs = new Task[_runners.Count];
        for (var i = 0; i < runs.Length; i++)
        {
            runs[i] = _runners[i].RunAsync(stoppingToken);
        }

        return Task.WhenAll(runs);
    }
}
