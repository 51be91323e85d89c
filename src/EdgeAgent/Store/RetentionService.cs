using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Store;

/// <summary>Runs <see cref="Retention"/> at start and every <see cref="StoreOptions.RetentionInterval"/>.</summary>
internal sealed class RetentionService : BackgroundService
{
    private readonly Retention _retention;
    private readonly StoreOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RetentionService> _log;

    public RetentionService(Retention retention, IOptions<StoreOptions> options, TimeProvider time, ILogger<RetentionService> log)
    {
        _retention = retention;
        _options = options.Value;
        _time = time;
        _log = log;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.RetentionInterval, _time);
        do
        {
            try
            {
                _retention.Run();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                StoreLog.RetentionFailed(_log, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
