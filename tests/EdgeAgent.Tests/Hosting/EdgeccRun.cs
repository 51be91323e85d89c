using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace EdgeCc.Agent.Tests.Hosting;

/// <summary>
/// A long-running <c>edgecc run</c> (the built binary beside the tests) as a child process, with
/// its output kept for assertion messages. <see cref="Kill"/> is SIGKILL: no goodbye, no clean
/// MQTT disconnect, so the broker must find out by the keep-alive.
/// </summary>
internal sealed class EdgeccRun : IAsyncDisposable
{
    private readonly Process _process;
    private readonly EdgeCc.Agent.Store.Signal _line = new();

    private EdgeccRun(Process process)
    {
        _process = process;
    }

    public ConcurrentQueue<string> Output { get; } = new();

    public bool HasExited => _process.HasExited;

    public static EdgeccRun Start(IReadOnlyDictionary<string, string> overrides)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "edgecc.dll"));
        start.ArgumentList.Add("run");
        foreach (var (key, value) in overrides)
        {
            start.ArgumentList.Add("--" + key + "=" + value);
        }

        var process = new Process { StartInfo = start };
        var run = new EdgeccRun(process);
        process.OutputDataReceived += (_, e) => run.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => run.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return run;
    }

    /// <summary>A loopback port nobody listens on now (the process binds it a moment later).</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public string Log() => string.Join('\n', Output);

    /// <summary>Waits, without polling, until the process has printed a line containing <paramref name="fragment"/>.</summary>
    public async Task WaitForLineAsync(string fragment, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var next = _line.Next;
            if (Output.Any(l => l.Contains(fragment, StringComparison.Ordinal)))
            {
                return;
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"edgecc exited ({_process.ExitCode}) before printing '{fragment}':\n{Log()}");
            }

            try
            {
                await Task.WhenAny(next, _process.WaitForExitAsync(deadline.Token)).WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"edgecc did not print '{fragment}' within {timeout}:\n{Log()}");
            }
        }
    }

    /// <summary>SIGKILL, and waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// SIGSTOP: the process freezes with its sockets open, as a box whose power or cable went
    /// looks to the broker (no FIN, no more packets); only the keep-alive can find it out.
    /// </summary>
    public async Task FreezeAsync()
    {
        using var stop = Process.Start("kill", ["-STOP", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await stop.WaitForExitAsync();
        Assert.Equal(0, stop.ExitCode);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            try
            {
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        Output.Enqueue(line);
        while (Output.Count > 400)
        {
            Output.TryDequeue(out _);
        }

        _line.Fire();
    }
}
