using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace EdgeCc.Agent.Tests.Uplink;

/// <summary>
/// A real mosquitto on 127.0.0.1, on a free port, with a generated config and persistence in a
/// temp directory, so a stop (SIGTERM, which makes mosquitto save its sessions) and start keeps
/// queued messages like a production broker restart would.
/// </summary>
internal sealed class Mosquitto : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/mosquitto";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly string _config;
    private Process? _process;

    public Mosquitto(string directory, TestPki? tls = null)
    {
        TestPaths.RequireFile(Binary, "mosquitto");
        Directory = directory;
        System.IO.Directory.CreateDirectory(directory);
        Port = FreePort();
        var lines = new List<string>
        {
            "allow_anonymous true",
            "user root",
            "persistence true",
            $"persistence_location {directory}/",
            "max_queued_messages 0",
            "log_dest stderr",
            "log_type error",
            "log_type warning",
            "log_type notice",
            "log_type information",
        };
        // Listener options follow their listener line: the plain one is for the test's "central"
        // subscriber, the TLS one (client certificates required) for the box under test.
        lines.Add($"listener {Port.ToString(CultureInfo.InvariantCulture)} 127.0.0.1");
        if (tls is not null)
        {
            TlsPort = FreePort();
            lines.Add($"listener {TlsPort.ToString(CultureInfo.InvariantCulture)} 127.0.0.1");
            lines.Add($"cafile {tls.CaCert}");
            lines.Add($"certfile {tls.ServerCert}");
            lines.Add($"keyfile {tls.ServerKey}");
            lines.Add("require_certificate true");
        }

        _config = Path.Combine(directory, "mosquitto.conf");
        File.WriteAllLines(_config, lines);
    }

    public string Directory { get; }

    public int Port { get; }

    public int TlsPort { get; }

    public int Starts { get; private set; }

    /// <summary>Everything mosquitto wrote, for assertion messages.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Log { get; } = new();

    public async Task StartAsync()
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("already running");
        }

        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(Binary, ["-c", _config])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            },
            EnableRaisingEvents = true,
        };
        void OnLine(object? sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            Log.Enqueue(e.Data);
            if (e.Data.Contains(" running", StringComparison.Ordinal))
            {
                running.TrySetResult();
            }
        }

        process.ErrorDataReceived += OnLine;
        process.OutputDataReceived += OnLine;
        process.Exited += (_, _) => running.TrySetException(new InvalidOperationException("mosquitto exited at start:\n" + string.Join("\n", Log)));
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _process = process;
        await running.Task.WaitAsync(StartTimeout);
        Starts++;
    }

    /// <summary>SIGTERM: mosquitto closes its clients and writes its persistence file before it exits.</summary>
    public async Task StopAsync()
    {
        var process = _process;
        if (process is null)
        {
            return;
        }

        _process = null;
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(StartTimeout);
        process.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        var process = _process;
        _process = null;
        if (process is not null)
        {
            process.Kill();
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
