using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet.Server;

namespace EdgeCc.Agent.Uplink;

/// <summary>
/// An in-process MQTT broker on 127.0.0.1 for the <c>demo</c> verb, so the uplink and the
/// wallboard can be shown without installing mosquitto. Not for production: it keeps sessions
/// and retained messages in memory only.
/// </summary>
internal sealed class EmbeddedBroker : IAsyncDisposable
{
    private readonly ILogger _log;
    private MqttServer? _server;

    /// <param name="port">0 picks a free port; read <see cref="Port"/> after <see cref="StartAsync"/>.</param>
    public EmbeddedBroker(int port = 0, ILogger<EmbeddedBroker>? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        Port = port;
        _log = (ILogger?)logger ?? NullLogger.Instance;
    }

    public int Port { get; private set; }

    public bool IsStarted => _server?.IsStarted == true;

    /// <summary>The MQTTnet server, for a demo that wants to watch or inject messages.</summary>
    public MqttServer Server => _server ?? throw new InvalidOperationException("the broker is not started");

    public async Task StartAsync()
    {
        if (_server is not null)
        {
            return;
        }

        if (Port == 0)
        {
            // MQTTnet does not report the port it bound, so take a free one from the OS first.
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }

        var options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
            .WithDefaultEndpointPort(Port)
            .WithPersistentSessions()
            .Build();
        var server = new MqttServerFactory().CreateMqttServer(options);
        await server.StartAsync().ConfigureAwait(false);
        _server = server;
        UplinkLog.BrokerStarted(_log, Port);
    }

    public async Task StopAsync()
    {
        var server = _server;
        _server = null;
        if (server is not null)
        {
            await server.StopAsync(new MqttServerStopOptionsBuilder().Build()).ConfigureAwait(false);
            server.Dispose();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}
