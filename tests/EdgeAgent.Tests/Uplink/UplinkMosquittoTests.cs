using System.Text.Json;
using EdgeCc.Agent.Store;
using EdgeCc.Agent.Tests.Store;

namespace EdgeCc.Agent.Tests.Uplink;

public sealed class UplinkMosquittoTests : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "edgecc-mqtt-" + Guid.NewGuid().ToString("N"));

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

    [Fact]
    public async Task Summaries_survive_five_broker_restarts_arriving_in_order_with_duplicates_only_under_one_key()
    {
        await RunRestartScenarioAsync(_dir, messages: 500, restarts: 5);
    }

    /// <returns>How many duplicates (same idempotency key, same bytes) central received.</returns>
    internal static async Task<int> RunRestartScenarioAsync(string dir, int messages, int restarts)
    {
        await using var broker = new Mosquitto(Path.Combine(dir, "broker"));
        await broker.StartAsync();
        using var central = new TestSubscriber(broker.Port);
        await central.ConnectAsync();
        await using var box = new UplinkBox(UplinkBox.OptionsFor(broker.Port));
        await box.StartAsync();

        var perRound = messages / restarts;
        var n = 0;
        for (var round = 0; round < restarts; round++)
        {
            // Batches of ten, as StoreService groups what has queued up: one disk flush each.
            for (var i = 0; i < perRound / 2; i += 10)
            {
                box.Summaries.AddRange([.. Enumerable.Range(n, 10).Select(k => TempStore.Summary(k))]);
                n += 10;
            }

            await broker.StopAsync();
            for (var i = perRound / 2; i < perRound; i += 10)
            {
                box.Summaries.AddRange([.. Enumerable.Range(n, 10).Select(k => TempStore.Summary(k))]);
                n += 10;
            }

            await broker.StartAsync();
            await central.ConnectAsync();
        }

        await central.WaitForAsync(
            m => DistinctCalls(m).Count == messages,
            Generous + TimeSpan.FromSeconds(messages / 100),
            $"{messages} distinct calls");
        await box.UntilAsync(() => box.Outbox.Count == 0, Generous, "an empty outbox");

        var calls = central.Messages.Where(m => m.Topic == "edgecc/v1/hq/pi-7/calls").Select(m => m.Payload).ToList();
        var duplicates = AssertEveryCallOnceInOrder(calls, messages);
        Assert.Equal(restarts + 1, broker.Starts);
        Assert.Contains(central.Messages, m => m.Topic == "edgecc/v1/hq/pi-7/status" && m.Json.GetProperty("state").GetString() == "online");
        return duplicates;
    }

    /// <summary>
    /// Calls 1..<paramref name="messages"/> of device hq/pi-7 (bodies from TempStore.Summary(sequence - 1)),
    /// each at least once, first arrivals in sequence order, and every duplicate byte-identical to
    /// the first copy under the same idempotency key. Returns how many duplicates there were.
    /// </summary>
    internal static int AssertEveryCallOnceInOrder(IReadOnlyList<byte[]> payloads, int messages)
    {
        var firstSeen = new Dictionary<string, byte[]>();
        var order = new List<long>();
        foreach (var payload in payloads)
        {
            using var doc = JsonDocument.Parse(payload);
            var json = doc.RootElement;
            var key = json.GetProperty("idempotencyKey").GetString()!;
            if (firstSeen.TryGetValue(key, out var earlier))
            {
                Assert.Equal(earlier, payload);
                continue;
            }

            firstSeen[key] = payload;
            var sequence = json.GetProperty("sequence").GetInt64();
            Assert.Equal($"hq/pi-7/{sequence}", key);
            Assert.Equal($"call-{sequence - 1}@pbx.example", json.GetProperty("body").GetProperty("callId").GetString());
            order.Add(sequence);
        }

        Assert.Equal(Enumerable.Range(1, messages).Select(i => (long)i), order);
        return payloads.Count - firstSeen.Count;
    }

    internal static HashSet<string> DistinctCalls(IReadOnlyList<TestSubscriber.Received> messages)
    {
        var keys = new HashSet<string>();
        foreach (var m in messages)
        {
            if (m.Topic == "edgecc/v1/hq/pi-7/calls")
            {
                using var doc = JsonDocument.Parse(m.Payload);
                keys.Add(doc.RootElement.GetProperty("idempotencyKey").GetString()!);
            }
        }

        return keys;
    }
}
