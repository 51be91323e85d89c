using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace EdgeCc.Agent.Tests.Telephony;

/// <summary>Runs tshark's RTP stream analysis (<c>-z rtp,streams</c>) on a capture: the real peer our statistics are compared with.</summary>
internal static partial class TsharkRtpStreams
{
    public sealed record Stream(string Source, string Destination, uint Ssrc, long Packets, long Lost, double MeanJitterMs, double MaxJitterMs);

    public static List<Stream> Run(string path, params string[] extra)
    {
        TestPaths.RequireFile("/usr/bin/tshark", "tshark");
        var info = new ProcessStartInfo("/usr/bin/tshark") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-n", "-r", path, "-o", "rtp.heuristic_rtp:TRUE", "-q", "-z", "rtp,streams" })
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var arg in extra)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "tshark failed: " + stderr.Result);
        var list = new List<Stream>();
        foreach (var line in text.Split('\n'))
        {
            var m = StreamLine().Match(line);
            if (!m.Success)
            {
                continue;
            }

            string Endpoint(int ip, int port) => m.Groups[ip].Value.Contains(':', StringComparison.Ordinal) ? $"[{m.Groups[ip].Value}]:{m.Groups[port].Value}" : $"{m.Groups[ip].Value}:{m.Groups[port].Value}";
            list.Add(new Stream(
                Endpoint(1, 2),
                Endpoint(3, 4),
                uint.Parse(m.Groups[5].Value.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                long.Parse(m.Groups[6].Value, CultureInfo.InvariantCulture),
                long.Parse(m.Groups[7].Value, CultureInfo.InvariantCulture),
                double.Parse(m.Groups[8].Value, CultureInfo.InvariantCulture),
                double.Parse(m.Groups[9].Value, CultureInfo.InvariantCulture)));
        }

        return list;
    }

    /// <summary>How many frames match a display filter.</summary>
    public static int CountFrames(string path, string filter)
    {
        TestPaths.RequireFile("/usr/bin/tshark", "tshark");
        var info = new ProcessStartInfo("/usr/bin/tshark") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-n", "-r", path, "-Y", filter, "-T", "fields", "-e", "frame.number" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var lines = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "tshark failed: " + stderr.Result);
        return lines.Length;
    }

    // start end src sport dst dport ssrc payload pkts lost (pct) minΔ meanΔ maxΔ minJ meanJ maxJ [problems]
    [GeneratedRegex(@"^\s*[\d.]+\s+[\d.]+\s+(\S+)\s+(\d+)\s+(\S+)\s+(\d+)\s+(0x[0-9A-Fa-f]+)\s+.+?\s+(\d+)\s+(-?\d+)\s+\(-?[\d.]+%\)\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+-?[\d.]+\s+([\d.]+)\s+([\d.]+)")]
    private static partial Regex StreamLine();
}
