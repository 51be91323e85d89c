using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace EdgeCc.Agent.Tests.Telephony;

/// <summary>
/// One real baresip user agent on 127.0.0.1, driven through its stdio menu: a generated config
/// directory (SIP on <see cref="SipPort"/> over UDP, one codec, no registrar, audio source a WAV
/// through aufile, auto-answer), its output read line by line so a test can wait for what it prints.
/// </summary>
internal sealed class BaresipAgent : IDisposable
{
    public const string Executable = "/usr/bin/baresip";
    public const string ModulePath = "/usr/lib/baresip/modules";

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Done)> _waiters = [];

    private BaresipAgent(string user, int sipPort, string directory, Process process)
    {
        User = user;
        SipPort = sipPort;
        Directory = directory;
        _process = process;
    }

    public string User { get; }

    public int SipPort { get; }

    public string Directory { get; }

    public string Uri => string.Create(CultureInfo.InvariantCulture, $"sip:{User}@127.0.0.1:{SipPort}");

    /// <summary>Everything printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <summary>Writes the config, starts baresip and waits until it says it is ready.</summary>
    public static async Task<BaresipAgent> StartAsync(string user, string wav, string codec, string directory, (int Min, int Max) rtpPorts, TimeSpan timeout)
    {
        TestPaths.RequireFile(Executable, "baresip-core");
        TestPaths.RequireFile(Path.Combine(ModulePath, "aufile.so"), "baresip-core");
        System.IO.Directory.CreateDirectory(directory);
        var port = FreePort();
        var c = CultureInfo.InvariantCulture;

        // baresip 1.0 reads accounts only through the account module; net_interface keeps every
        // socket (SIP, RTP) on loopback. No audio player: received audio is decoded and dropped.
        File.WriteAllLines(Path.Combine(directory, "config"),
        [
            string.Create(c, $"sip_listen 127.0.0.1:{port}"),
            "net_interface 127.0.0.1",
            "module_path " + ModulePath,
            "module stdio.so",
            "module g711.so",
            "module g722.so",
            "module aufile.so",
            "module_app account.so",
            "module_app menu.so",
            "audio_source aufile," + wav,
            string.Create(c, $"rtp_ports {rtpPorts.Min}-{rtpPorts.Max}"),
        ]);
        File.WriteAllText(
            Path.Combine(directory, "accounts"),
            string.Create(c, $"<sip:{user}@127.0.0.1:{port};transport=udp>;regint=0;answermode=auto;audio_codecs={codec}\n"));

        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-f");
        start.ArgumentList.Add(directory);
        var process = Process.Start(start) ?? throw new InvalidOperationException("baresip did not start");
        var agent = new BaresipAgent(user, port, directory, process);
        process.OutputDataReceived += (_, e) => agent.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => agent.OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await agent.WaitForAsync("baresip is ready.", timeout);
        }
        catch
        {
            agent.Dispose();
            throw;
        }

        return agent;
    }

    /// <summary>A menu command, e.g. <c>/dial sip:1001@127.0.0.1:5070</c>.</summary>
    public async Task SendAsync(string command)
    {
        await _process.StandardInput.WriteAsync(command + "\n");
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Waits for an output line containing <paramref name="text"/> (already printed or still to come).</summary>
    public async Task<string> WaitForAsync(string text, TimeSpan timeout)
    {
        var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool Match(string line) => line.Contains(text, StringComparison.Ordinal);
        lock (_lines)
        {
            var seen = _lines.Find(Match);
            if (seen is not null)
            {
                return seen;
            }

            _waiters.Add((Match, done));
        }

        try
        {
            return await done.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"baresip {User} did not print '{text}' within {timeout.TotalSeconds:F0} s; it printed:\n{Output}");
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static int FreePort()
    {
        // baresip listens on UDP and TCP at the port; ask for one free in both.
        for (var attempt = 0; ; attempt++)
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)udp.LocalEndPoint!).Port;
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException) when (attempt < 20)
            {
            }
        }
    }

    private void OnLine(string? line)
    {
        if (line is null || line.Length == 0 || line.Contains("audio=", StringComparison.Ordinal))
        {
            // The once-a-second bit-rate line is status noise.
            return;
        }

        List<TaskCompletionSource<string>>? hit = null;
        lock (_lines)
        {
            _lines.Add(line);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(line))
                {
                    (hit ??= []).Add(_waiters[i].Done);
                    _waiters.RemoveAt(i);
                }
            }
        }

        hit?.ForEach(d => d.TrySetResult(line));
    }
}
