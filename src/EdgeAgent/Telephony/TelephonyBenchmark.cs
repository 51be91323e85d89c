using System.Diagnostics;
using EdgeCc.Agent.Capture;

namespace EdgeCc.Agent.Telephony;

/// <summary>
/// Measures the telephony stage on a capture file: frames are read by libpcap into memory in
/// batches outside the stopwatch, then decoded (frame decoder), parsed (SIP/RTP), buffered,
/// decoded to PCM and emitted as call inputs on the calling thread. Output is counted and dropped.
/// </summary>
internal static class TelephonyBenchmark
{
    private const int BatchPackets = 100_000;

    public static TelephonyBenchmarkResult Run(string path, TelephonyOptions? options = null)
    {
        using var source = new PcapFileSource(path);
        using var decoder = new FrameDecoder();
        var engine = new TelephonyEngine(options ?? new TelephonyOptions());
        var data = new byte[BatchPackets * 256];
        var offsets = new int[BatchPackets + 1];
        var ticks = new long[BatchPackets];
        long packets = 0;
        long frames = 0;
        long lastTicks = 0;
        var elapsed = TimeSpan.Zero;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long readAllocations = 0;
        while (true)
        {
            var readStart = GC.GetAllocatedBytesForCurrentThread();
            var count = 0;
            var used = 0;
            while (count < BatchPackets && source.Read(out var frame) == PacketReadStatus.Packet)
            {
                if (used + frame.Data.Length > data.Length)
                {
                    Array.Resize(ref data, Math.Max(data.Length * 2, used + frame.Data.Length));
                }

                frame.Data.CopyTo(data.AsSpan(used));
                offsets[count] = used;
                ticks[count] = frame.TimestampTicks;
                used += frame.Data.Length;
                count++;
                offsets[count] = used;
            }

            readAllocations += GC.GetAllocatedBytesForCurrentThread() - readStart;
            if (count == 0)
            {
                break;
            }

            var stopwatch = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                var span = data.AsSpan(offsets[i], offsets[i + 1] - offsets[i]);
                if (decoder.Decode(source.Link, span, ticks[i], out var packet) == DecodeResult.Ok)
                {
                    engine.Process(packet);
                }

                if (engine.Output.Count > 0)
                {
                    foreach (var input in engine.Output)
                    {
                        if (input.Frame is not null)
                        {
                            frames++;
                        }
                    }

                    engine.Output.Clear();
                }
            }

            stopwatch.Stop();
            elapsed += stopwatch.Elapsed;
            packets += count;
            lastTicks = ticks[count - 1];
        }

        engine.Finish(lastTicks, "end-of-file");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore - readAllocations;
        return new TelephonyBenchmarkResult(packets, elapsed, engine.Tracker.CallsStarted, engine.RtpPackets, frames, allocated);
    }
}
