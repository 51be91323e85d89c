using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using EdgeCc.Agent.Store;
using EdgeCc.Agent.Tests.Store;
using EdgeCc.Agent.Uplink;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCc.Agent.Tests.Uplink;

/// <summary>
/// The committed JSON Schemas (schemas/*.schema.json) against payloads made by the real code
/// path (store → outbox row → envelope), checked by python3-jsonschema (schemas/validate.py).
/// </summary>
public sealed class PayloadSchemaTests : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly TempStore _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.Zero));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Every_outbound_payload_matches_its_committed_schema()
    {
        using var db = new EdgeDatabase(_dir.Options, _time);
        var outbox = new Outbox(db, _time);
        new SummaryStore(db, _time).Add(TempStore.Summary(3));
        new SummaryStore(db, _time).Add(TempStore.Summary(4));
        new AlertStore(db, _time).Add(RetentionTests.Alert(1));
        new AlertStore(db, _time).Add(RetentionTests.Alert(2) with { AgentId = null, CallId = null, Severity = AlertSeverity.Critical });
        new AlertStore(db, _time).Add(EdgeCc.Agent.Floor.AlertRecorder.For(new EdgeCc.Agent.Analysis.TopicTrendAlert(
            "login", _time.GetUtcNow(), 12, TimeSpan.FromMinutes(15), 8, TimeSpan.FromHours(4), 0.5, 24)));
        new MetricsStore(db, _time).Add(RetentionTests.Metrics(1, 5));
        outbox.ReplaceLatest(OutboxTopics.Floor, PayloadWriter.Floor(new FloorSnapshot(
            _time.GetUtcNow(),
            [new FloorAgent("agent-1", "talking", "red", 1), new FloorAgent("agent-2", "idle", "green", 0)],
            [new FloorQueue("sales", 4, TimeSpan.FromSeconds(93.5))])));
        var handler = new RemoteConfigHandler(new RemoteConfig(), new ConfigHistory(db, _time), new UplinkOptions(), []);
        handler.Handle(Encoding.UTF8.GetBytes("""{"schemaVersion":1,"version":"v1","settings":{"Analysis":{"Workers":2}}}"""));
        handler.Handle(Encoding.UTF8.GetBytes("""{"schemaVersion":1,"version":"v2","settings":{"Store":{}}}"""));

        var bySchema = new Dictionary<string, List<string>>();
        foreach (var row in outbox.Peek(100))
        {
            var schema = row.Topic switch
            {
                OutboxTopics.Calls => "call.schema.json",
                OutboxTopics.Alerts => "alert.schema.json",
                OutboxTopics.Metrics => "metrics.schema.json",
                OutboxTopics.Floor => "floor.schema.json",
                OutboxTopics.ConfigAck => "config-ack.schema.json",
                _ => throw new InvalidOperationException(row.Topic),
            };
            Add(bySchema, schema, $"{row.Topic.Replace('/', '-')}-{row.Sequence}.json", Envelope.Wrap("hq", "pi-7", row));
        }

        Add(bySchema, "status.schema.json", "status-online.json", Envelope.Status("hq", "pi-7", true, _time.GetUtcNow(), "0.1.0"));
        Add(bySchema, "status.schema.json", "status-offline.json", Envelope.Status("hq", "pi-7", false, _time.GetUtcNow(), "0.1.0"));
        Add(bySchema, "config.schema.json", "config-settings.json", Encoding.UTF8.GetBytes("""{"schemaVersion":1,"version":"v1","settings":{"Analysis":{"Workers":2}}}"""));
        Add(bySchema, "config.schema.json", "config-rollback.json", Encoding.UTF8.GetBytes("""{"schemaVersion":1,"version":"undo","rollback":true}"""));

        Assert.Equal(7, bySchema.Count);
        foreach (var (schema, files) in bySchema)
        {
            var (exit, output) = await ValidateAsync(schema, files);
            Assert.True(exit == 0, $"{schema}:\n{output}");
            Assert.Equal(files.Count, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.StartsWith("ok ", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task Schemas_reject_a_payload_that_breaks_the_contract()
    {
        using var db = new EdgeDatabase(_dir.Options, _time);
        new SummaryStore(db, _time).Add(TempStore.Summary(1));
        var envelope = JsonNode.Parse(Envelope.Wrap("hq", "pi-7", new Outbox(db, _time).Peek(1)[0]))!;
        var bad = new Dictionary<string, List<string>>();

        var noCallId = envelope.DeepClone();
        noCallId["body"]!.AsObject().Remove("callId");
        Add(bad, "call.schema.json", "no-call-id.json", Encoding.UTF8.GetBytes(noCallId.ToJsonString()));
        var noKey = envelope.DeepClone();
        noKey.AsObject().Remove("idempotencyKey");
        Add(bad, "call.schema.json", "no-key.json", Encoding.UTF8.GetBytes(noKey.ToJsonString()));
        var callerNumber = envelope.DeepClone();
        callerNumber["body"]!["callerNumber"] = "+49301234567";
        Add(bad, "call.schema.json", "caller-number.json", Encoding.UTF8.GetBytes(callerNumber.ToJsonString()));

        var (exit, output) = await ValidateAsync("call.schema.json", bad["call.schema.json"]);

        Assert.Equal(1, exit);
        Assert.Equal(3, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.StartsWith("invalid ", StringComparison.Ordinal)));
    }

    private void Add(Dictionary<string, List<string>> bySchema, string schema, string name, byte[] payload)
    {
        var path = Path.Combine(_dir.Directory, "payloads", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, payload);
        if (!bySchema.TryGetValue(schema, out var list))
        {
            bySchema[schema] = list = [];
        }

        list.Add(path);
    }

    internal static async Task<(int Exit, string Output)> ValidateAsync(string schema, List<string> files)
    {
        TestPaths.RequireFile(Python, "python3");
        TestPaths.RequireFile("/usr/lib/python3/dist-packages/jsonschema", "python3-jsonschema");
        var start = new ProcessStartInfo(Python, [TestPaths.Repo("schemas/validate.py"), schema, .. files])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (p.ExitCode, await stdout + await stderr);
    }
}
