using System.Diagnostics;
using System.Globalization;
using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Store;
using EdgeCc.Agent.Uplink;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeCc.Agent.Hosting;

/// <summary>
/// <c>bench uplink [--messages N] [--single N] [--window N]</c> (the uplink logs only with <c>--Logging:LogLevel:Default=Information</c>): the outage case. The real
/// <see cref="UplinkService"/> runs against a local mosquitto that is down while N call summaries
/// are queued through the real <see cref="SummaryStore"/>/<see cref="Outbox"/> (insert rate, one per
/// transaction and in StoreService's batches), then the broker starts and the backlog drains
/// (drain rate, managed heap and RSS sampled throughout). The peer is a bare MQTTnet client
/// publishing the same envelopes with the same window and no store, in the same run.
/// </summary>
internal static class BenchUplinkCommand
{
    /// <summary>StoreService commits what has queued up in batches of up to this many summaries.</summary>
    private const int StoreBatch = 64;

    private const string Site = "bench-site";
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(200);
    private static readonly DateTimeOffset FloorStart = new(2026, 11, 23, 8, 0, 0, TimeSpan.FromHours(1));

    public static async Task<int> RunAsync(CommandLine command, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(output);
        if (command.Arguments is not ["uplink"])
        {
            throw new CommandLineException("usage: edgecc bench uplink [--messages N] [--single N] [--window N]");
        }

        var messages = (int)command.GetDouble("messages", 100_000);
        var single = (int)command.GetDouble("single", 2_000);
        var window = (int)command.GetDouble("window", new UplinkOptions().MaxInFlight);
        if (messages < 1 || single < 0 || single > messages)
        {
            throw new CommandLineException("bench uplink needs --messages >= 1 and 0 <= --single <= --messages");
        }

        var binary = LocalMosquitto.Find();
        if (binary is null)
        {
            output.WriteLine("bench uplink needs a local mosquitto broker, which is not installed: apt-get install -y mosquitto");
            return Cli.ExitFailure;
        }

        var directory = Path.Combine(Path.GetTempPath(), "edgecc-bench-uplink-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        try
        {
            return await RunAsync(binary, directory, messages, single, window, LogLevelOf(command), output, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static async Task<int> RunAsync(string binary, string directory, int messages, int single, int window, LogLevel log, TextWriter output, CancellationToken cancellationToken)
    {
        var c = CultureInfo.InvariantCulture;
        var time = TimeProvider.System;
        // No persistence: the broker's disk is not what is measured. max_inflight_messages is what
        // mosquitto announces to MQTT 5 clients as Receive Maximum, so it must allow the window.
        var port = LocalMosquitto.FreePort();
        await using var broker = new LocalMosquitto(binary, Path.Combine(directory, "broker"),
        [
            string.Create(c, $"listener {port} 127.0.0.1"),
            "allow_anonymous true",
            "persistence false",
            string.Create(c, $"max_inflight_messages {window}"),
            "max_queued_messages 0",
        ]);
        var options = new UplinkOptions
        {
            Enabled = true,
            Site = Site,
            Device = "bench-box",
            BrokerPort = port,
            MaxInFlight = window,
            ReconnectMinDelay = TimeSpan.FromMilliseconds(100),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(400),
        };
        var invalid = new UplinkOptionsValidator().Validate(null, options);
        if (invalid.Failed)
        {
            throw new CommandLineException("bench uplink: " + invalid.FailureMessage.Replace("Uplink:MaxInFlight", "--window", StringComparison.Ordinal));
        }

        var version = await LocalMosquitto.VersionAsync(binary).ConfigureAwait(false);
        output.WriteLine(string.Create(c, $"bench uplink: {messages:N0} call summaries queued while the broker is down, then drained; {version} on 127.0.0.1:{port}"));
        output.WriteLine(string.Create(c, $"box: {Environment.ProcessorCount} cores, load average {LoadAverage()}"));

        using var db = new EdgeDatabase(new StoreOptions { DataDirectory = Path.Combine(directory, "state") }, time);
        var store = new SummaryStore(db, time);
        var outbox = new Outbox(db, time);
        var config = new RemoteConfigHandler(new RemoteConfig(), new ConfigHistory(db, time), options, []);
        using var logging = LoggerFactory.Create(b => b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(log));
        using var uplink = new UplinkService(new FixedOptions(options), outbox, config, time, logging.CreateLogger<UplinkService>());

        // Running, but its broker is down: connects fail and back off while the outage queues up.
        await uplink.StartAsync(cancellationToken).ConfigureAwait(false);
        var singleInsert = Step.Start();
        for (var i = 0; i < single; i++)
        {
            store.Add(BenchSummaries.Create(i, FloorStart));
        }

        singleInsert = singleInsert.Stop();
        var batchedInsert = Step.Start();
        var batch = new List<CallSummary>(StoreBatch);
        for (var i = single; i < messages; i += batch.Count)
        {
            batch.Clear();
            for (var k = i; k < Math.Min(messages, i + StoreBatch); k++)
            {
                batch.Add(BenchSummaries.Create(k, FloorStart));
            }

            store.AddRange(batch);
        }

        batchedInsert = batchedInsert.Stop();
        var queued = outbox.Count;
        var fileBytes = db.FileBytes;
        if (uplink.Acknowledged != 0 || queued != messages)
        {
            throw new InvalidOperationException(string.Create(c, $"expected {messages} queued rows and nothing sent, found {queued} rows and {uplink.Acknowledged} sent"));
        }

        // The outage ends: from the moment the uplink is connected until the broker has acknowledged
        // the whole backlog and the acknowledged mark is committed.
        var samples = new List<MemorySample>();
        await broker.StartAsync(cancellationToken).ConfigureAwait(false);
        await UntilAsync(uplink, () => uplink.IsConnected, TimeSpan.FromSeconds(30), "the uplink to connect", cancellationToken).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var drain = Step.Start();
        using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampler = SampleAsync(samples, outbox, clock, stopSampling.Token);
        var deliveredBefore = outbox.Delivered;
        var purgedBefore = outbox.Purged;
        await UntilAsync(uplink, () => outbox.Delivered - deliveredBefore >= messages, TimeSpan.FromMinutes(30), "the outbox to drain", cancellationToken).ConfigureAwait(false);
        drain = drain.Stop();
        Sample(samples, outbox, clock);

        // Housekeeping once the backlog is sent: the acknowledged rows are deleted in chunks.
        var purge = Step.Start();
        await UntilAsync(uplink, () => outbox.Purged - purgedBefore >= messages, TimeSpan.FromMinutes(30), "the acknowledged rows to be deleted", cancellationToken).ConfigureAwait(false);
        purge = purge.Stop();
        Sample(samples, outbox, clock);
        await stopSampling.CancelAsync().ConfigureAwait(false);
        await sampler.ConfigureAwait(false);
        var left = outbox.Count;
        var stored = outbox.StoredRows;
        var drainWindow = uplink.Window;
        await uplink.StopAsync(CancellationToken.None).ConfigureAwait(false);

        var peer = Step.Start();
        var peerWindow = await RunPeerAsync(port, window, messages, cancellationToken).ConfigureAwait(false);
        peer = peer.Stop();

        output.WriteLine(string.Create(c, $"window: Uplink:MaxInFlight {window}, in flight while draining {drainWindow} (peer {peerWindow}); store file {fileBytes / 1048576.0:F1} MiB with the backlog"));
        output.WriteLine();
        output.WriteLine(string.Create(c, $"{"step",-48} {"messages",9} {"seconds",8} {"msg/s",8} {"CPU µs/msg",10}"));
        if (single > 0)
        {
            output.WriteLine(singleInsert.Row("outbox insert, one summary per transaction", single));
        }

        if (messages > single)
        {
            output.WriteLine(batchedInsert.Row("outbox insert, batches of " + StoreBatch.ToString(c) + " (as StoreService)", messages - single));
        }

        output.WriteLine(drain.Row("drain: UplinkService -> mosquitto, PUBACK, mark", messages));
        output.WriteLine(purge.Row("  then: acknowledged rows deleted (uplink idle)", messages));
        output.WriteLine(peer.Row("peer: bare MQTTnet QoS 1, same window, no store", messages));
        output.WriteLine(string.Create(c, $"{"drain / peer",-48} {"",9} {"",8} {peer.Elapsed.TotalSeconds / drain.Elapsed.TotalSeconds,8:F2} {drain.CpuPerMessage(messages) / peer.CpuPerMessage(messages),10:F2}"));
        output.WriteLine("(CPU is this process's user+system time; mosquitto's is not counted, the same broker serves both)");
        output.WriteLine();
        WriteMemory(output, samples, messages);
        output.WriteLine(string.Create(c, $"after: {left} rows waiting, {stored} rows in the store, load average {LoadAverage()}"));
        return left == 0 && stored == 0 ? Cli.ExitOk : Cli.ExitFailure;
    }

    /// <summary>The same envelopes (a ring of 1,000 distinct summaries, wrapped per sequence as the uplink does), published with the same window.</summary>
    private static async Task<int> RunPeerAsync(int port, int window, int messages, CancellationToken cancellationToken)
    {
        var bodies = new byte[Math.Min(messages, 1000)][];
        for (var i = 0; i < bodies.Length; i++)
        {
            bodies[i] = PayloadWriter.CallSummary(BenchSummaries.Create(i, FloorStart));
        }

        var factory = new MqttClientFactory();
        using var client = factory.CreateMqttClient();
        var connected = await client.ConnectAsync(
            new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("bench-peer").WithProtocolVersion(MqttProtocolVersion.V500).Build(),
            cancellationToken).ConfigureAwait(false);
        var effective = UplinkService.EffectiveWindow(window, connected.ReceiveMaximum ?? 0);
        using var slots = new SemaphoreSlim(effective, effective);
        var failures = 0;
        var topic = "edgecc/v1/" + Site + "/bench-peer/calls";
        var createdAt = FloorStart;
        async Task PublishOne(byte[] envelope)
        {
            try
            {
                var result = await client.PublishAsync(
                    new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(envelope)
                        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                        .WithContentType("application/json")
                        .WithPayloadFormatIndicator(MqttPayloadFormatIndicator.CharacterData)
                        .Build(),
                    cancellationToken).ConfigureAwait(false);
                if (result.ReasonCode is not (MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers))
                {
                    Interlocked.Increment(ref failures);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Interlocked.Increment(ref failures);
            }
            finally
            {
                slots.Release();
            }
        }

        for (var i = 0; i < messages; i++)
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            var envelope = Envelope.Wrap(Site, "bench-peer", new OutboxRow(i + 1, OutboxTopics.Calls, bodies[i % bodies.Length], createdAt));
            _ = PublishOne(envelope);
        }

        for (var i = 0; i < effective; i++)
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancellationToken).ConfigureAwait(false);
        if (failures > 0)
        {
            throw new IOException(string.Create(CultureInfo.InvariantCulture, $"the peer had {failures} failed publishes"));
        }

        return effective;
    }

    private static async Task SampleAsync(List<MemorySample> samples, Outbox outbox, Stopwatch clock, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(SampleEvery);
        Sample(samples, outbox, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                Sample(samples, outbox, clock);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static void Sample(List<MemorySample> samples, Outbox outbox, Stopwatch clock)
    {
        var sample = new MemorySample(clock.Elapsed, outbox.Delivered, GC.GetTotalMemory(forceFullCollection: false), Environment.WorkingSet);
        lock (samples)
        {
            samples.Add(sample);
        }
    }

    /// <summary>Five points along the drain plus the extremes: flat means the last equals the first, whatever the backlog.</summary>
    private static void WriteMemory(TextWriter output, List<MemorySample> samples, int messages)
    {
        var c = CultureInfo.InvariantCulture;
        List<MemorySample> all;
        lock (samples)
        {
            all = [.. samples];
        }

        var delivered0 = all[0].Delivered;
        var points = new List<MemorySample>();
        foreach (var fraction in (double[])[0, 0.25, 0.5, 0.75, 1])
        {
            var target = delivered0 + (long)(fraction * messages);
            var best = all[0];
            foreach (var s in all)
            {
                if (Math.Abs(s.Delivered - target) < Math.Abs(best.Delivered - target))
                {
                    best = s;
                }
            }

            points.Add(best);
        }

        output.WriteLine(string.Create(c, $"memory while draining ({all.Count} samples, every {SampleEvery.TotalMilliseconds:F0} ms):"));
        var queued = "  still queued   ";
        var heap = "  heap MiB       ";
        var rss = "  RSS MiB        ";
        foreach (var p in points)
        {
            queued += string.Create(c, $" {messages - (p.Delivered - delivered0),9:N0}");
            heap += string.Create(c, $" {p.HeapBytes / 1048576.0,9:F1}");
            rss += string.Create(c, $" {p.RssBytes / 1048576.0,9:F1}");
        }

        output.WriteLine(queued);
        output.WriteLine(heap);
        output.WriteLine(rss);
        long maxHeap = 0, maxRss = 0;
        foreach (var s in all)
        {
            maxHeap = Math.Max(maxHeap, s.HeapBytes);
            maxRss = Math.Max(maxRss, s.RssBytes);
        }

        output.WriteLine(string.Create(c, $"  peak: heap {maxHeap / 1048576.0:F1} MiB, RSS {maxRss / 1048576.0:F1} MiB"));
    }

    private static async Task UntilAsync(UplinkService uplink, Func<bool> done, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        while (true)
        {
            var next = uplink.Progress.Next;
            if (done())
            {
                return;
            }

            try
            {
                await next.WaitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new IOException(string.Create(CultureInfo.InvariantCulture, $"timed out after {timeout} waiting for {what} (connects {uplink.Connects}, failed connects {uplink.ConnectFailures}, acknowledged {uplink.Acknowledged})"));
            }
        }
    }

    private static LogLevel LogLevelOf(CommandLine command) =>
        command.Overrides.TryGetValue("Logging:LogLevel:Default", out var level) && Enum.TryParse<LogLevel>(level, ignoreCase: true, out var parsed)
            ? parsed
            : LogLevel.None;

    private static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return parts.Length >= 3 ? string.Join(' ', parts[..3]) : "?";
        }
        catch (IOException)
        {
            return "?";
        }
    }

    /// <summary>Wall-clock and process CPU time of one measured step.</summary>
    private readonly record struct Step(long StartedAt, TimeSpan CpuAtStart, TimeSpan Elapsed, TimeSpan Cpu)
    {
        public static Step Start() => new(Stopwatch.GetTimestamp(), ProcessCpu(), TimeSpan.Zero, TimeSpan.Zero);

        public Step Stop() => this with { Elapsed = Stopwatch.GetElapsedTime(StartedAt), Cpu = ProcessCpu() - CpuAtStart };

        public double CpuPerMessage(int messages) => Cpu.TotalMicroseconds / messages;

        public string Row(string name, int messages) => string.Create(
            CultureInfo.InvariantCulture,
            $"{name,-48} {messages,9:N0} {Elapsed.TotalSeconds,8:F1} {messages / Elapsed.TotalSeconds,8:N0} {CpuPerMessage(messages),10:F0}");

        private static TimeSpan ProcessCpu()
        {
            using var self = Process.GetCurrentProcess();
            return self.TotalProcessorTime;
        }
    }

    private readonly record struct MemorySample(TimeSpan At, long Delivered, long HeapBytes, long RssBytes);

    private sealed class FixedOptions(UplinkOptions value) : IOptionsMonitor<UplinkOptions>
    {
        public UplinkOptions CurrentValue => value;

        public UplinkOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<UplinkOptions, string?> listener) => null;
    }
}
