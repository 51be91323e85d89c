using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace EdgeCc.Agent.Hosting;

/// <summary>
/// A throw-away mosquitto for <c>bench uplink</c>: 127.0.0.1 only, a free port, a config
/// generated into the bench's temp directory, no persistence (the broker's disk is not what
/// is measured). The port is known before the broker starts, so the uplink can be pointed at
/// it while it is still down.
/// </summary>
internal sealed class BenchMosquitto : IAsyncDisposable
{
    private static readonly string[] Candidates = ["/usr/sbin/mosquitto", "/usr/local/sbin/mosquitto", "/usr/bin/mosquitto"];
    private readonly string _binary;
    private readonly string _config;
    private readonly List<string> _log = [];
    private Process? _process;

    /// <param name="receiveMaximum">mosquitto's <c>max_inflight_messages</c>, which it announces to MQTT 5 clients as Receive Maximum.</param>
    public BenchMosquitto(string binary, string directory, int receiveMaximum)
    {
        _binary = binary;
        Directory.CreateDirectory(directory);
        Port = FreePort();
        _config = Path.Combine(directory, "mosquitto.conf");
        var c = CultureInfo.InvariantCulture;
        File.WriteAllLines(_config,
        [
            string.Create(c, $"listener {Port} 127.0.0.1"),
            "allow_anonymous true",
            "persistence false",
            string.Create(c, $"max_inflight_messages {receiveMaximum}"),
            "max_queued_messages 0",
            "log_dest stderr",
            "log_type error",
            "log_type warning",
            "log_type notice",
            "log_type information",
        ]);
    }

    public int Port { get; }

    /// <summary>The mosquitto binary, or null when the package is not installed.</summary>
    public static string? Find()
    {
        foreach (var path in Candidates)
        {
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    /// <summary>The first line of <c>mosquitto -h</c>, e.g. "mosquitto version 2.0.11".</summary>
    public static async Task<string> VersionAsync(string binary)
    {
        var start = new ProcessStartInfo(binary, ["-h"]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start) ?? throw new IOException(binary + " did not start");
        var text = await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
        var first = text.Split('\n', 2)[0].Trim();
        return first.Length > 0 ? first : "mosquitto";
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("mosquitto is already running");
        }

        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(_binary, ["-c", _config])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            },
            EnableRaisingEvents = true,
        };
        void OnLine(object? sender, DataReceivedEventArgs e)
        {
            if (e.Data is not { } line)
            {
                return;
            }

            lock (_log)
            {
                _log.Add(line);
            }

            if (line.Contains(" running", StringComparison.Ordinal))
            {
                running.TrySetResult();
            }
        }

        process.ErrorDataReceived += OnLine;
        process.OutputDataReceived += OnLine;
        process.Exited += (_, _) =>
        {
            lock (_log)
            {
                running.TrySetException(new IOException("mosquitto exited at start: " + string.Join(" | ", _log)));
            }
        };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _process = process;
        await running.Task.WaitAsync(TimeSpan.FromSeconds(20), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync().ConfigureAwait(false);
        }

        process.Dispose();
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
