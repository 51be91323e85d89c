using System.Globalization;
using EdgeCc.Agent.Hosting;

namespace EdgeCc.Agent.Tests.Uplink;

/// <summary>
/// A real mosquitto on 127.0.0.1, on a free port, with a generated config and persistence in a
/// temp directory, so a stop (SIGTERM, which makes mosquitto save its sessions) and start keeps
/// queued messages like a production broker restart would.
/// </summary>
internal sealed class Mosquitto : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/mosquitto";
    private readonly LocalMosquitto _broker;

    public Mosquitto(string directory, TestPki? tls = null)
    {
        TestPaths.RequireFile(Binary, "mosquitto");
        Directory = directory;
        Port = LocalMosquitto.FreePort();
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            "allow_anonymous true",
            "user root",
            "persistence true",
            $"persistence_location {directory}/",
            "max_queued_messages 0",

            // Listener options follow their listener line: the plain one is for the test's "central"
            // subscriber, the TLS one (client certificates required) for the box under test.
            string.Create(c, $"listener {Port} 127.0.0.1"),
        };
        if (tls is not null)
        {
            TlsPort = LocalMosquitto.FreePort();
            lines.Add(string.Create(c, $"listener {TlsPort} 127.0.0.1"));
            lines.Add($"cafile {tls.CaCert}");
            lines.Add($"certfile {tls.ServerCert}");
            lines.Add($"keyfile {tls.ServerKey}");
            lines.Add("require_certificate true");
        }

        _broker = new LocalMosquitto(Binary, directory, lines);
    }

    public string Directory { get; }

    public int Port { get; }

    public int TlsPort { get; }

    public int Starts => _broker.Starts;

    /// <summary>Everything mosquitto wrote, for assertion messages.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Log => _broker.Log;

    public Task StartAsync() => _broker.StartAsync();

    /// <summary>SIGTERM: mosquitto closes its clients and writes its persistence file before it exits.</summary>
    public Task StopAsync() => _broker.StopAsync();

    public ValueTask DisposeAsync() => _broker.DisposeAsync();
}
