using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Uplink;

/// <summary>
/// Puts the last accepted remote config back in force before the host counts as started (so
/// stages start with it), then runs <see cref="UplinkService"/> when the uplink is enabled.
/// </summary>
internal sealed class UplinkHost : IHostedService
{
    private readonly UplinkService _service;
    private readonly RemoteConfigHandler _config;
    private readonly UplinkOptions _options;

    public UplinkHost(UplinkService service, RemoteConfigHandler config, IOptions<UplinkOptions> options)
    {
        _service = service;
        _config = config;
        _options = options.Value;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _config.RestoreActive();
        if (_options.Enabled)
        {
            await _service.StartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        _options.Enabled ? _service.StopAsync(cancellationToken) : Task.CompletedTask;
}
