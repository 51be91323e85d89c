using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EdgeCc.Agent.Store;
using EdgeCc.Agent.Tests.Hosting;
using EdgeCc.Agent.Tests.Uplink;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace EdgeCc.Agent.Tests.Store;

public sealed class CrashTests(ITestOutputHelper output) : IDisposable
{
    private const string Calls = "edgecc/v1/hq/pi-7/calls";
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);
    private readonly TempStore _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// A writer process (tests/tools/store-crash-writer.cs, run with <c>dotnet run</c>) commits
    /// record + outbox row + sequence transactions until SIGKILL. Every commit it reported must
    /// be there afterwards, whole, and the store must open without being moved aside.
    /// </summary>
    [Fact]
    public async Task Store_killed_with_sigkill_mid_write_reopens_consistent_with_every_reported_commit()
    {
        Directory.CreateDirectory(_dir.Options.DataDirectory);
        var start = new ProcessStartInfo("dotnet", ["run", TestPaths.Repo("tests/tools/store-crash-writer.cs"), "--", _dir.Options.DatabasePath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestPaths.RepoRoot,
        };
        using var writer = new Process { StartInfo = start, EnableRaisingEvents = true };
        long reported = 0;
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        writer.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith("committed ", StringComparison.Ordinal))
            {
                var n = long.Parse(line.AsSpan("committed ".Length), CultureInfo.InvariantCulture);
                Interlocked.Exchange(ref reported, n);
                if (n >= 150)
                {
                    enough.TrySetResult();
                }
            }
        };
        writer.ErrorDataReceived += (_, e) => errors.Enqueue(e.Data ?? "");
        writer.Exited += (_, _) => enough.TrySetException(new InvalidOperationException("writer exited: " + string.Join('\n', errors)));
        writer.Start();
        writer.BeginOutputReadLine();
        writer.BeginErrorReadLine();

        // The first run compiles the writer; later runs start in about a second.
        await enough.Task.WaitAsync(TimeSpan.FromMinutes(4));
        writer.Kill(entireProcessTree: true);
        await writer.WaitForExitAsync();
        var lastReported = Interlocked.Read(ref reported);

        var time = new FakeTimeProvider();
        using var db = new EdgeDatabase(_dir.Options, time);
        Assert.Null(db.MovedAsidePath);
        var outbox = new Outbox(db, time);
        var rows = outbox.Peek(100_000);
        var summaries = db.Collection(StoreCollections.Summaries).Count();

        Assert.True(rows.Count >= lastReported, $"{rows.Count} rows but {lastReported} commits were reported");
        Assert.Equal(rows.Count, summaries);
        Assert.Equal(rows.Count, outbox.LastSequence);
        Assert.Equal(Enumerable.Range(1, rows.Count).Select(i => (long)i), rows.Select(r => r.Sequence));
        Assert.All(rows, r => Assert.Equal(900, r.Payload.Length));

        // And it carries on: the next sequence follows the last committed one.
        Assert.Equal(rows.Count + 1, outbox.Enqueue(OutboxTopics.Calls, new byte[] { 1 }));
    }

    [Fact]
    public Task Agent_killed_with_sigkill_mid_publish_three_times_loses_no_summary_and_its_store_reopens_cleanly()
        => RunKillLoopAsync(kills: 3);

    /// <summary>Issue #7's full count; about a minute on a quiet 2-core box, so opt-in like the benchmarks.</summary>
    [BenchmarkFact]
    public Task Agent_killed_with_sigkill_mid_publish_ten_times_loses_no_summary_and_its_store_reopens_cleanly()
        => RunKillLoopAsync(kills: 10);

    /// <summary>
    /// The real edgecc binary (<c>run</c>, uplink to a real mosquitto) drains its outbox and is
    /// killed with SIGKILL while it publishes, <paramref name="kills"/> times. Before each start the
    /// test opens the store (it must open without being moved aside) and accepts another round of
    /// summaries into it, as StoreService would. After the last kill the agent runs to the end:
    /// every accepted summary reaches both subscribers (MQTTnet and mosquitto_sub), first arrivals
    /// in sequence order, duplicates only as identical bytes under the same idempotency key.
    /// </summary>
    private async Task RunKillLoopAsync(int kills)
    {
        // 1,000 rows a round and a kill once central has the 20th: at thousands of messages/s the
        // agent is still sending the rest when SIGKILL lands.
        const int perRound = 1000;
        const int killAfter = 20;
        var clock = Stopwatch.StartNew();
        await using var broker = new Mosquitto(Path.Combine(_dir.Directory, "broker"));
        await broker.StartAsync();
        using var central = new TestSubscriber(broker.Port);
        await central.ConnectAsync();
        using var cli = new MosquittoSub(broker.Port, Calls);
        var agentLog = new ConcurrentQueue<string>();
        var accepted = 0;
        var killedMidPublish = 0;
        for (var round = 0; round <= kills; round++)
        {
            using (var db = new EdgeDatabase(_dir.Options, TimeProvider.System))
            {
                Assert.Null(db.MovedAsidePath);
                var outbox = new Outbox(db, TimeProvider.System);
                Assert.Equal(accepted, outbox.LastSequence);
                if (round > 0 && outbox.Count > 0)
                {
                    killedMidPublish++;
                }

                if (round < kills)
                {
                    var store = new SummaryStore(db, TimeProvider.System);
                    for (var i = 0; i < perRound; i += 50)
                    {
                        store.AddRange([.. Enumerable.Range(accepted + i, 50).Select(k => TempStore.Summary(k))]);
                    }

                    accepted += perRound;
                }
            }

            using var agent = EdgeccProcess.Start(
                agentLog,
                "run",
                "--Store:DataDirectory=" + _dir.Options.DataDirectory,
                "--Web:Enabled=false",
                "--Uplink:Enabled=true",
                "--Uplink:Site=hq",
                "--Uplink:Device=pi-7",
                "--Uplink:BrokerPort=" + broker.Port.ToString(CultureInfo.InvariantCulture),
                "--Uplink:ReconnectMinDelay=00:00:00.050",
                "--Uplink:ReconnectMaxDelay=00:00:00.200",

                // Only the test's summaries are numbered: no metrics snapshots in between.
                "--SiteFloor:MetricsIntervalSeconds=0",
                "--Logging:LogLevel:Default=Warning");
            if (round < kills)
            {
                var target = accepted - perRound + killAfter;
                var seen = new CallsSeen();
                await central.WaitForAsync(m => seen.Read(m).Highest >= target, Generous, $"call {target} (round {round}); agent said: {string.Join(" | ", agentLog)}");
                agent.Kill();
                await agent.WaitForExitAsync();
                continue;
            }

            // The last run: everything must arrive, then a normal stop.
            var atCentral = new CallsSeen();
            await central.WaitForAsync(m => atCentral.Read(m).Distinct == accepted, Generous, $"{accepted} distinct calls at central; agent said: {string.Join(" | ", agentLog)}");
            var atCli = new CallsSeen();
            await cli.WaitForAsync(lines => atCli.Read(lines).Distinct == accepted, Generous, $"{accepted} distinct calls at mosquitto_sub");
            using (var kill = Process.Start("kill", ["-TERM", agent.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await agent.WaitForExitAsync().WaitAsync(Generous);
            Assert.Equal(0, agent.ExitCode);
        }

        var calls = central.Messages.Where(m => m.Topic == Calls).Select(m => m.Payload).ToList();
        var duplicates = UplinkMosquittoTests.AssertEveryCallOnceInOrder(calls, accepted);
        var cliDuplicates = UplinkMosquittoTests.AssertEveryCallOnceInOrder([.. cli.Lines.Select(l => System.Text.Encoding.UTF8.GetBytes(l))], accepted);
        using (var db = new EdgeDatabase(_dir.Options, TimeProvider.System))
        {
            Assert.Null(db.MovedAsidePath);
            Assert.Equal(accepted, new Outbox(db, TimeProvider.System).LastSequence);
        }

        // Without this the test could pass with every kill landing after the drain finished.
        Assert.True(killedMidPublish > 0, "no SIGKILL landed while rows were still unacknowledged");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{kills} SIGKILLs, {killedMidPublish} with rows still unacknowledged; {accepted} summaries all delivered in order; duplicates: {duplicates} at MQTTnet, {cliDuplicates} at mosquitto_sub; {clock.Elapsed.TotalSeconds:F1} s"));
    }

    /// <summary>Distinct idempotency keys and the highest call sequence received so far, reading each message once.</summary>
    private sealed class CallsSeen
    {
        private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
        private int _read;

        public int Distinct => _keys.Count;

        public long Highest { get; private set; }

        public CallsSeen Read(IReadOnlyList<TestSubscriber.Received> messages)
        {
            for (; _read < messages.Count; _read++)
            {
                if (messages[_read].Topic == Calls)
                {
                    Add(messages[_read].Payload);
                }
            }

            return this;
        }

        public CallsSeen Read(IReadOnlyList<string> lines)
        {
            for (; _read < lines.Count; _read++)
            {
                Add(System.Text.Encoding.UTF8.GetBytes(lines[_read]));
            }

            return this;
        }

        private void Add(byte[] payload)
        {
            using var doc = JsonDocument.Parse(payload);
            _keys.Add(doc.RootElement.GetProperty("idempotencyKey").GetString()!);
            Highest = Math.Max(Highest, doc.RootElement.GetProperty("sequence").GetInt64());
        }
    }
}
