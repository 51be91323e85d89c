using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using EdgeCc.Agent.Store;

namespace EdgeCc.Agent.Tests.Uplink;

/// <summary>
/// A second "central": the mosquitto_sub command-line client (package mosquitto-clients),
/// subscribed at QoS 1, one payload per line (our envelopes are single-line JSON).
/// </summary>
internal sealed class MosquittoSub : IDisposable
{
    public const string Binary = "/usr/bin/mosquitto_sub";
    private readonly Process _process;
    private readonly Signal _received = new();

    public MosquittoSub(int port, string topic)
    {
        TestPaths.RequireFile(Binary, "mosquitto-clients");
        _process = new Process
        {
            StartInfo = new ProcessStartInfo(Binary, ["-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-t", topic, "-q", "1", "-V", "mqttv5"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
        };
        _process.OutputDataReceived += (_, e) =>
        {
            if (!string.IsNullOrEmpty(e.Data))
            {
                Lines.Enqueue(e.Data);
                _received.Fire();
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrEmpty(e.Data))
            {
                Errors.Enqueue(e.Data);
            }
        };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public ConcurrentQueue<string> Lines { get; } = new();

    public ConcurrentQueue<string> Errors { get; } = new();

    /// <summary>Waits, without polling, until <paramref name="done"/> holds for the lines received so far.</summary>
    public async Task WaitForAsync(Func<IReadOnlyList<string>, bool> done, TimeSpan timeout, string what)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var next = _received.Next;
            if (done(Lines.ToArray()))
            {
                return;
            }

            try
            {
                await next.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"timed out after {timeout} waiting for {what}; mosquitto_sub printed {Lines.Count} lines, errors: {string.Join(" | ", Errors)}");
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
