using System.Diagnostics;
using System.Globalization;
using EdgeCc.Agent.Telephony;

namespace EdgeCc.Agent.Hosting;

/// <summary>
/// <c>bench telephony [--calls N] [--seconds S]</c>: the telephony stage on a synthetic capture of
/// concurrent G.711 calls, against tshark's RTP stream analysis of the same file in the same run.
/// </summary>
internal static class BenchTelephonyCommand
{
    /// <summary>One G.711 stream at 20 ms packetisation sends 50 packets/s, a call has two streams.</summary>
    private const double PacketsPerCallSecond = 100;

    /// <summary>The synthetic capture packs 160 samples (20 ms at 8 kHz) into every RTP packet.</summary>
    private const double SecondsPerRtpPacket = 0.020;

    private const string Tshark = "tshark";

    public static async Task<int> RunAsync(CommandLine command, TextWriter output, CancellationToken cancellationToken)
    {
        if (command.Arguments.Count != 1 || command.Arguments[0] != "telephony")
        {
            throw new CommandLineException("usage: edgecc bench telephony [--calls N] [--seconds S]");
        }

        var calls = (int)command.GetDouble("calls", 200);
        var seconds = command.GetDouble("seconds", 60);
        if (calls < 1 || seconds < 1)
        {
            throw new CommandLineException("bench telephony needs --calls >= 1 and --seconds >= 1");
        }

        var c = CultureInfo.InvariantCulture;
        var file = Path.Combine(Path.GetTempPath(), string.Create(c, $"edgecc-bench-{Environment.ProcessId}.pcap"));
        try
        {
            var written = SyntheticCallPcap.Write(file, calls, TimeSpan.FromSeconds(seconds));
            output.WriteLine(string.Create(c, $"capture: {calls} calls x {seconds:F0} s, {written} packets, {new FileInfo(file).Length / (1024.0 * 1024.0):F1} MiB"));

            // Process CPU time covers what tshark's figure covers too: reading the file, decoding,
            // and the runtime's own threads (GC); the stopwatch inside the benchmark only the stage.
            using var self = Process.GetCurrentProcess();
            self.Refresh();
            var cpuBefore = self.TotalProcessorTime;
            var result = TelephonyBenchmark.Run(file);
            self.Refresh();
            var cpu = (self.TotalProcessorTime - cpuBefore).TotalSeconds;
            var audioSeconds = result.RtpPackets * SecondsPerRtpPacket;
            var packetsPerCpuSecond = cpu > 0 ? result.Packets / cpu : 0;
            output.WriteLine(string.Create(c, $"edgecc: {result.Packets} packets, {result.Calls} calls, {result.AudioFrames} audio frames, {result.AllocatedBytes / 1024.0:F0} KiB allocated"));
            output.WriteLine(string.Create(c, $"  stage only (one thread, reading excluded): {result.Elapsed.TotalSeconds:F2} s, {result.PacketsPerSecond:F0} packets/s, {result.PacketsPerSecond / PacketsPerCallSecond:F0} concurrent calls per core"));
            output.WriteLine(string.Create(c, $"  whole run (process CPU, reading included): {cpu:F2} s, {packetsPerCpuSecond:F0} packets/s, real-time factor {(cpu > 0 ? audioSeconds / cpu : 0):F0}x ({audioSeconds:F0} s of audio)"));

            var tshark = await RunTsharkAsync(file, cancellationToken).ConfigureAwait(false);
            if (tshark is null)
            {
                output.WriteLine("tshark: not installed, skipped (apt-get install -y tshark)");
                return Cli.ExitOk;
            }

            output.WriteLine(string.Create(c, $"tshark -z rtp,streams: {tshark.Value.TotalSeconds:F2} s CPU, {result.Packets / tshark.Value.TotalSeconds:F0} packets/s, real-time factor {audioSeconds / tshark.Value.TotalSeconds:F0}x"));
            output.WriteLine(string.Create(c, $"ratio (tshark CPU / edgecc CPU): {(cpu > 0 ? tshark.Value.TotalSeconds / cpu : 0):F2}"));
            return Cli.ExitOk;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Runs tshark's RTP stream statistics on the file; its CPU time, or null when tshark is not installed.</summary>
    private static async Task<TimeSpan?> RunTsharkAsync(string file, CancellationToken cancellationToken)
    {
        if (!Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(d => File.Exists(Path.Combine(d, Tshark))))
        {
            return null;
        }

        // Linux drops /proc/PID once a child is reaped, so Process.TotalProcessorTime cannot be read
        // after exit; bash's time keyword reports the child's rusage (user and system CPU) instead.
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["TIMEFORMAT"] = "cpu %3U %3S";
        foreach (var arg in new[] { "-c", "time \"$@\" >/dev/null", "bash", Tshark, "-n", "-r", file, "-o", "rtp.heuristic_rtp:TRUE", "-q", "-z", "rtp,streams" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
        var errors = (await stderr.ConfigureAwait(false)).Trim();
        var last = errors[(errors.LastIndexOf('\n') + 1)..].Split(' ');
        if (process.ExitCode != 0 || last.Length != 3 || last[0] != "cpu")
        {
            throw new IOException(string.Create(CultureInfo.InvariantCulture, $"tshark failed ({process.ExitCode}): {errors}"));
        }

        var c = CultureInfo.InvariantCulture;
        return TimeSpan.FromSeconds(double.Parse(last[1], c) + double.Parse(last[2], c));
    }
}
