using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace EdgeCc.Agent.Hosting;

/// <summary>
/// A mosquitto process of our own on 127.0.0.1 (<c>bench uplink</c>, and the tests' broker), run from
/// a config file the caller's lines are written to. Ports are picked before the broker starts, so
/// a client can be pointed at a broker that is still down.
/// </summary>
internal sealed class LocalMosquitto : IAsyncDisposable
{
    private static readonly string[] Candidates = ["/usr/sbin/mosquitto", "/usr/local/sbin/mosquitto", "/usr/bin/mosquitto"];
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly string _binary;
    private readonly string _config;
    private Process? _process;

    /// <param name="configLines">mosquitto.conf lines; logging to stderr at information level is added here (start is detected from it).</param>
    public LocalMosquitto(string binary, string directory, IEnumerable<string> configLines)
    {
        _binary = binary;
        Directory.CreateDirectory(directory);
        _config = Path.Combine(directory, "mosquitto.conf");
        File.WriteAllLines(_config, [.. configLines, "log_dest stderr", "log_type error", "log_type warning", "log_type notice", "log_type information"]);
    }

    /// <summary>Everything mosquitto wrote, for error messages.</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    public int Starts { get; private set; }

    /// <summary>The mosquitto binary, or null when the package is not installed.</summary>
    public static string? Find() => Candidates.FirstOrDefault(File.Exists);

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

    /// <summary>A loopback TCP port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>Starts mosquitto and returns once it says it is running.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
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

            Log.Enqueue(line);
            if (line.Contains(" running", StringComparison.Ordinal))
            {
                running.TrySetResult();
            }
        }

        process.ErrorDataReceived += OnLine;
        process.OutputDataReceived += OnLine;
        process.Exited += (_, _) => running.TrySetException(new IOException("mosquitto exited at start: " + string.Join(" | ", Log)));
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _process = process;
        await running.Task.WaitAsync(StartTimeout, cancellationToken).ConfigureAwait(false);
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
            await kill!.WaitForExitAsync().ConfigureAwait(false);
        }

        await process.WaitForExitAsync().WaitAsync(StartTimeout).ConfigureAwait(false);
        process.Dispose();
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
}
