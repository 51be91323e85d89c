using System.Globalization;
using EdgeCc.Agent.Uplink;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Web;

/// <summary>The uplink's state for the wallboard's health strip and <c>/readyz</c>'s neighbours.</summary>
internal sealed class MqttHealthSource(UplinkService uplink, IOptions<UplinkOptions> options) : IComponentHealthSource
{
    public ComponentHealth Check()
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return new ComponentHealth("mqtt", "absent", "uplink not enabled; the outbox keeps everything");
        }

        var where = string.Create(CultureInfo.InvariantCulture, $"{settings.BrokerHost}:{settings.BrokerPort}");
        return uplink.IsConnected
            ? new ComponentHealth("mqtt", "ok", string.Create(CultureInfo.InvariantCulture, $"connected to {where}, {uplink.Acknowledged} acknowledged"))
            : new ComponentHealth("mqtt", "down", string.Create(CultureInfo.InvariantCulture, $"not connected to {where} ({uplink.ConnectFailures} failed attempts)"));
    }
}
