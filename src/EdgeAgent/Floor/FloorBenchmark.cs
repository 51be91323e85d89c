using System.Device.Spi;
using System.Diagnostics;
using System.Globalization;
using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Audio;
using EdgeCc.Agent.Telephony;
using EdgeCc.Drivers.Ws2812;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Floor;

/// <summary>
/// <c>bench floor</c>: the path Detection → rule → strip write with 200 stations on a real
/// <see cref="Ws2812Strip"/> encoding into a sink SPI device (the wire time of 240 pixels, about
/// 6,000 bytes at 6.4 MHz = 7.5 ms, is the bus's, not ours, and is not measured). Reports median and p99 latency per update and allocated
/// bytes per update and per steady-state frame (GC.GetAllocatedBytesForCurrentThread).
/// </summary>
internal static class FloorBenchmark
{
    public const int Stations = 200;

    public static int Run(TextWriter output, int updates = 20_000, int frames = 20_000)
    {
        ArgumentNullException.ThrowIfNull(output);
        var options = new FloorOptions { Strip = { PixelCount = 240 } };
        for (var i = 0; i < Stations; i++)
        {
            options.Stations.Add(new StationOptions { Agent = "agent-" + i.ToString(CultureInfo.InvariantCulture), Pixel = i });
        }

        var wrapped = Options.Create(options);
        var time = TimeProvider.System;
        var floor = new FloorState(wrapped, time);
        var queues = new QueueBoard(wrapped, time);
        using var displays = new FloorDisplays(options, time, output: null);
        using var strip = new Ws2812Strip(new SinkSpiDevice(), options.Strip.PixelCount);
        displays.Strip = strip;
        var lights = new LightsService(floor, queues, displays, wrapped, time, NullLogger<LightsService>.Instance);

        var detections = new Detection[Stations];
        for (var i = 0; i < Stations; i++)
        {
            var call = "call-" + i.ToString(CultureInfo.InvariantCulture);
            floor.Apply(new CallStarted(call, time.GetUtcNow(), options.Stations[i].Agent, "bench"));
            detections[i] = new Detection(call, Leg.Customer, "speak to a manager", "escalation", -0.1, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4), 0.9);
        }

        lights.RenderFrame();

        // Each update alternates an escalation (red, flashing) and its acknowledgement, so every
        // update changes a light and forces a strip write.
        var latencies = new long[updates];
        var warmup = Math.Min(2_000, updates);
        long allocated = 0;
        for (var n = -warmup; n < updates; n++)
        {
            var k = ((n % Stations) + Stations) % Stations;
            var before = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            if ((n / Stations) % 2 == 0)
            {
                floor.Apply(detections[k]);
            }
            else
            {
                floor.Acknowledge(options.Stations[k].Agent, "bench");
            }

            lights.RenderStrip();
            var elapsed = Stopwatch.GetTimestamp() - start;
            if (n >= 0)
            {
                latencies[n] = elapsed;
                allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            }
        }

        // Steady state: no call changes; frames run the time rules and the strip check.
        for (var i = 0; i < Stations; i++)
        {
            floor.Acknowledge(options.Stations[i].Agent, "bench");
        }

        lights.RenderStrip();
        var frameStart = GC.GetAllocatedBytesForCurrentThread();
        var frameTicks = Stopwatch.GetTimestamp();
        for (var i = 0; i < frames; i++)
        {
            floor.Tick();
            lights.RenderStrip();
        }

        var frameElapsed = Stopwatch.GetTimestamp() - frameTicks;
        var frameBytes = GC.GetAllocatedBytesForCurrentThread() - frameStart;

        Array.Sort(latencies);
        var median = Micros(latencies[latencies.Length / 2]);
        var p99 = Micros(latencies[(int)(latencies.Length * 0.99)]);
        var max = Micros(latencies[^1]);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"floor bench: {Stations} stations, {updates} updates (detection/acknowledge -> rule -> WS2812 encode + SPI write)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  update latency: median {median:F1} us, p99 {p99:F1} us, max {max:F1} us (goal p99 <= 5000 us)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  allocated per update: {(double)allocated / updates:F0} bytes (status record, reason text, change event)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  steady-state frame (tick + strip check): {Micros(frameElapsed) / frames:F2} us, {(double)frameBytes / frames:F2} bytes allocated per frame (goal 0)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  strip writes: {lights.StripWrites}"));
        return 0;
    }

    private static double Micros(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;

    private sealed class SinkSpiDevice : SpiDevice
    {
        private static readonly SpiConnectionSettings Settings = Ws2812Strip.CreateSpiSettings();

        public override SpiConnectionSettings ConnectionSettings => Settings;

        public long BytesWritten { get; private set; }

        public override void Write(ReadOnlySpan<byte> buffer) => BytesWritten += buffer.Length;

        public override void WriteByte(byte value) => BytesWritten++;

        public override byte ReadByte() => 0;

        public override void Read(Span<byte> buffer) => buffer.Clear();

        public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
        {
            BytesWritten += writeBuffer.Length;
            readBuffer.Clear();
        }
    }
}
