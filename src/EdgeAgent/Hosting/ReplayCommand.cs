using System.Globalization;
using EdgeCc.Agent.Audio;
using EdgeCc.Agent.Capture;
using EdgeCc.Agent.Telephony;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeCc.Agent.Hosting;

/// <summary>
/// <c>replay FILE</c>: a recording through the whole pipeline, then its summaries. A pcap/pcapng
/// capture is decoded as the SPAN port would deliver it (SIP, RTP, codecs) and its stream quality
/// is printed; a WAV is one call (channel 0 agent, 1 customer).
/// </summary>
internal static class ReplayCommand
{
    public static async Task<int> RunAsync(CommandLine command, TextWriter output, CancellationToken cancellationToken)
    {
        if (command.Arguments.Count != 1)
        {
            throw new CommandLineException("replay needs exactly one file: edgecc replay FILE");
        }

        var file = Path.GetFullPath(command.Arguments[0]);
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"{file} does not exist", file);
        }

        var capture = IsCapture(file);
        if (!capture)
        {
            // A file that cannot be read ends the verb with its reason before anything starts.
            _ = WavReader.Read(file);
        }

        var overrides = new Dictionary<string, string?>(command.Overrides, StringComparer.OrdinalIgnoreCase);
        overrides.TryAdd("Store:DataDirectory", Path.Combine(Path.GetTempPath(), "edgecc-replay-" + Environment.ProcessId));
        overrides.TryAdd("Web:Enabled", "false");
        using var host = Program.BuildHost(new HostSettings
        {
            ConfigFile = command.Get("config"),
            Overrides = overrides,
            MinimumLogLevel = LogLevel.Warning,
        });

        var realtime = command.Has("realtime");
        var pcap = host.Services.GetRequiredService<PcapCallSource>();
        var summaries = capture
            ? await RecordedRun.PlayAsync(
                host,
                async (services, sink, ct) =>
                {
                    await pcap.RunAsync(file, sink, realtime, ct).ConfigureAwait(false);
                    return (int)(pcap.LastRun?.Calls ?? 0);
                },
                cancellationToken).ConfigureAwait(false)
            : await RecordedRun.PlayAsync(
                host,
                [new FileCall(file, Path.GetFileNameWithoutExtension(file), command.Get("agent"), TimeSpan.Zero)],
                realtime ? 1 : 0,
                cancellationToken).ConfigureAwait(false);

        if (capture && pcap.LastRun is { } run)
        {
            WriteCapture(output, run);
        }

        SummaryTable.Write(output, summaries);
        return Cli.ExitOk;
    }

    private static bool IsCapture(string file)
    {
        Span<byte> magic = stackalloc byte[4];
        using var stream = File.OpenRead(file);
        if (stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4)
        {
            return false;
        }

        var word = BitConverter.ToUInt32(magic);

        // pcap (both byte orders, micro- and nanosecond) and pcapng's section header block.
        return word is 0xA1B2C3D4 or 0xD4C3B2A1 or 0xA1B23C4D or 0x4D3CB2A1 or 0x0A0D0D0A;
    }

    private static void WriteCapture(TextWriter output, ReplaySummary run)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"capture: {run.Frames} frames, {run.SipMessages} SIP messages, {run.RtpPackets} RTP packets, {run.Calls} calls"));
        foreach (var (issue, count) in run.Issues)
        {
            output.WriteLine(string.Create(c, $"  {issue}: {count}"));
        }

        output.WriteLine();
        output.WriteLine(string.Create(c, $"{"call",-28} {"leg",-8} {"ssrc",-10} {"codec",-8} {"packets",8} {"lost",6} {"jitter ms",9} {"MOS",5}"));
        foreach (var s in run.Streams)
        {
            var callId = s.CallId.Length > 28 ? s.CallId[..27] + "…" : s.CallId;
            output.WriteLine(string.Create(c, $"{callId,-28} {s.Leg,-8} {s.Ssrc,10:X8} {s.Codec,-8} {s.Packets,8} {s.Lost,6} {s.JitterMilliseconds,9:F2} {s.Mos,5:F2}"));
        }

        output.WriteLine();
    }
}
