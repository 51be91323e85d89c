using System.Diagnostics;
using System.Globalization;
using EdgeCc.Agent.Store;
using EdgeCc.Agent.Tests.Store;
using EdgeCc.Agent.Tests.Uplink;
using EdgeCc.Agent.Uplink;
using MQTTnet;
using MQTTnet.Protocol;
using Xunit.Abstractions;

namespace EdgeCc.Agent.Tests.Benchmarks;

/// <summary>
/// <c>bench uplink</c>: outbox insert rate and drain rate to a local mosquitto, against raw MQTTnet
/// QoS 1 publishing of the same envelopes (no store) as the peer, and the long restart run.
/// A separate command, not a unit test: it runs only with EDGECC_BENCH=1, e.g.
/// <c>EDGECC_BENCH=1 dotnet test tests/EdgeAgent.Tests --filter "FullyQualifiedName~Benchmarks.UplinkBench" --logger "console;verbosity=detailed"</c>
/// (EDGECC_BENCH_LONG=1 adds the 10,000 messages x 20 restarts run).
/// </summary>
public sealed class UplinkBench(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "edgecc-bench-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [BenchmarkFact]
    public async Task Bench_uplink_insert_and_drain_rates()
    {
        const int n = 2000;
        await using var broker = new Mosquitto(Path.Combine(_dir, "broker"));
        await broker.StartAsync();
        await using var box = new UplinkBox(UplinkBox.OptionsFor(broker.Port));

        var summaries = Enumerable.Range(0, n).Select(i => TempStore.Summary(i)).ToList();
        var sw = Stopwatch.StartNew();
        foreach (var s in summaries)
        {
            box.Summaries.Add(s);
        }

        var insert = sw.Elapsed;
        await using var batched = new UplinkBox(UplinkBox.OptionsFor(broker.Port));
        sw.Restart();
        foreach (var chunk in summaries.Chunk(64))
        {
            batched.Summaries.AddRange(chunk);
        }

        var insertBatched = sw.Elapsed;
        sw.Restart();
        await box.StartAsync();
        await box.UntilAsync(() => box.Outbox.Count == 0, TimeSpan.FromMinutes(10), "drain");
        var drain = sw.Elapsed;
        Assert.Equal(n, box.Service.Acknowledged);

        // Peer: the same envelopes published by a bare MQTTnet client, QoS 1, same in-flight window.
        var payloads = summaries.Select((s, i) => Envelope.Wrap("hq", "peer", new OutboxRow(i + 1, OutboxTopics.Calls, PayloadWriter.CallSummary(s), DateTimeOffset.UnixEpoch))).ToList();
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("peer").Build());
        sw.Restart();
        for (var i = 0; i < payloads.Count; i += box.Options.MaxInFlight)
        {
            var batch = payloads.Skip(i).Take(box.Options.MaxInFlight)
                .Select(p => client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("edgecc/v1/hq/peer/calls").WithPayload(p).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build()))
                .ToList();
            await Task.WhenAll(batch);
        }

        var raw = sw.Elapsed;
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"messages {n}, summary payload ~{payloads[0].Length} bytes, in-flight {box.Options.MaxInFlight}"));
        output.WriteLine(string.Create(c, $"outbox insert (SummaryStore.Add, summary + outbox row, one transaction): {n / insert.TotalSeconds:F0}/s"));
        output.WriteLine(string.Create(c, $"outbox insert batched (SummaryStore.AddRange of 64, as StoreService does under load): {n / insertBatched.TotalSeconds:F0}/s"));
        output.WriteLine(string.Create(c, $"outbox drain to mosquitto (publish, PUBACK, delete row): {n / drain.TotalSeconds:F0}/s"));
        output.WriteLine(string.Create(c, $"peer: bare MQTTnet QoS 1 publish, no store: {n / raw.TotalSeconds:F0}/s; drain/peer = {raw.TotalSeconds / drain.TotalSeconds:F2}"));
    }

    [BenchmarkFact("EDGECC_BENCH_LONG")]
    public async Task Bench_uplink_ten_thousand_messages_over_twenty_restarts()
    {
        var sw = Stopwatch.StartNew();
        var duplicates = await UplinkMosquittoTests.RunRestartScenarioAsync(_dir, messages: 10_000, restarts: 20);
        Assert.InRange(duplicates, 0, 10_000);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"10,000 messages over 20 broker restarts: all arrived in order in {sw.Elapsed.TotalSeconds:F1} s, {duplicates} duplicates (same key, same bytes)"));
    }
}
