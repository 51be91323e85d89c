using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;
using EdgeCc.Agent.Tests.Hosting;
using EdgeCc.Agent.Tests.Telephony;

namespace EdgeCc.Agent.Tests.Uplink;

/// <summary>
/// Several boxes, one floor, with real peers: a real mosquitto and two real <c>edgecc run</c>
/// processes (simulated lights, two stations each, different device ids); box A is the site's
/// wallboard host. Everything is observed through A's wallboard: its Server-Sent Events stream
/// (read until the wanted view arrives or the deadline passes; the server pushes on every change
/// and at least every heartbeat) and its JSON view.
/// </summary>
[Collection(LiveNetworkCollection.Name)]
public sealed class SiteWallboardTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int KeepAliveSeconds = 2;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "edgecc-site-" + Guid.NewGuid().ToString("N"));
    private readonly List<EdgeccRun> _boxes = [];
    private Mosquitto? _broker;

    [Fact]
    public async Task Wallboard_host_shows_every_box_part_and_a_killed_or_frozen_box_offline_within_its_keep_alive()
    {
        _broker = new Mosquitto(Path.Combine(_dir, "broker"));
        await _broker.StartAsync();
        var webA = EdgeccRun.FreePort();
        var webB = EdgeccRun.FreePort();
        var a = Box("box-a", webA, wallboard: true, "alice", "bob");
        var b = Box("box-b", webB, wallboard: false, "carol", "dave");
        var c = Box("box-c", EdgeccRun.FreePort(), wallboard: false, "erin");
        // The web server starts last, so its line means the whole box is up.
        await a.WaitForLineAsync("Wallboard, health and metrics on", TimeSpan.FromSeconds(120));
        await b.WaitForLineAsync("Wallboard, health and metrics on", TimeSpan.FromSeconds(120));
        await c.WaitForLineAsync("Wallboard, health and metrics on", TimeSpan.FromSeconds(120));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webA}"), Timeout = Timeout.InfiniteTimeSpan };

        // Both halves: A's own agents and B's part, live, on the SSE stream and in the JSON view.
        var both = await WaitForViewAsync(
            http,
            a,
            v => Agents(v).SetEquals(["alice", "bob"]) && Part(v, "box-b") is { } p && p.GetProperty("status").GetString() == "live"
                && PartAgents(p).SetEquals(["carol", "dave"]) && Part(v, "box-c") is { } q && q.GetProperty("status").GetString() == "live",
            TimeSpan.FromSeconds(120),
            "box-b's and box-c's live parts beside alice and bob");
        Assert.Equal("box-a", both.GetProperty("site").GetProperty("device").GetString());
        Assert.True(both.GetProperty("site").GetProperty("connected").GetBoolean());
        Assert.Null(Part(both, "box-a"));
        using (var json = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/wallboard", UriKind.Relative))))
        {
            var view = json.RootElement;
            Assert.True(Agents(view).SetEquals(["alice", "bob"]));
            Assert.True(PartAgents(Part(view, "box-b")!.Value).SetEquals(["carol", "dave"]));
        }

        // What central sees from the same run: each box's floor retained (a late subscriber still
        // gets it), metrics on their interval, both valid against the committed schemas.
        using (var central = new TestSubscriber(_broker.Port))
        {
            await central.ConnectAsync();
            await central.WaitForAsync(
                m => m.Any(x => x.Topic == "edgecc/v1/hq/box-b/floor" && x.Retain) && m.Any(x => x.Topic == "edgecc/v1/hq/box-a/metrics"),
                TimeSpan.FromSeconds(60),
                "box-b's retained floor and box-a's metrics");
            var received = central.Messages.ToArray();
            await ValidAsync("floor.schema.json", received.Where(x => x.Topic.EndsWith("/floor", StringComparison.Ordinal)));
            await ValidAsync("metrics.schema.json", received.Where(x => x.Topic.EndsWith("/metrics", StringComparison.Ordinal)));
            var metrics = received.First(x => x.Topic == "edgecc/v1/hq/box-a/metrics").Json.GetProperty("body").GetProperty("values");
            Assert.Equal(2, metrics.GetProperty("agents.total").GetDouble());
            Assert.Equal(1, metrics.GetProperty("uplink.connected").GetDouble());
        }

        // SIGKILL: no goodbye message, but the kernel closes B's socket, so the broker publishes
        // B's will at once.
        var killed = Stopwatch.StartNew();
        await b.KillAsync();
        var offline = await WaitForViewAsync(
            http,
            a,
            v => Part(v, "box-b") is { } p && p.GetProperty("status").GetString() == "offline",
            TimeSpan.FromSeconds(30),
            "box-b offline");
        killed.Stop();

        // Its last known agents stay on the board, marked offline; A's own half is untouched.
        Assert.True(PartAgents(Part(offline, "box-b")!.Value).SetEquals(["carol", "dave"]));
        Assert.True(Agents(offline).SetEquals(["alice", "bob"]));
        // 1.5 keep-alives is when the broker gives up on a silent client (MQTT 3.1.1 §3.1.2.10);
        // the slack is for a loaded shared test machine. "offline" is the will, never staleness
        // (StaleAfterSeconds is longer than the limit).
        var limit = TimeSpan.FromSeconds((1.5 * KeepAliveSeconds) + 10);
        output.WriteLine($"box-b shown offline on the wallboard host {killed.Elapsed.TotalSeconds:F2} s after SIGKILL (keep-alive {KeepAliveSeconds} s)");
        Assert.True(killed.Elapsed <= limit, $"box-b shown offline {killed.Elapsed.TotalSeconds:F1} s after SIGKILL; keep-alive {KeepAliveSeconds} s allows {limit.TotalSeconds} s");

        // SIGSTOP: C's socket stays open and silent, like a box that lost power or its cable. Only
        // the keep-alive finds it: mosquitto drops it after 1.5 keep-alives and publishes its will.
        var frozen = Stopwatch.StartNew();
        await c.FreezeAsync();
        var silent = await WaitForViewAsync(
            http,
            a,
            v => Part(v, "box-c") is { } p && p.GetProperty("status").GetString() == "offline",
            TimeSpan.FromSeconds(30),
            "box-c offline");
        frozen.Stop();
        output.WriteLine($"box-c shown offline on the wallboard host {frozen.Elapsed.TotalSeconds:F2} s after SIGSTOP (keep-alive {KeepAliveSeconds} s)");
        Assert.True(frozen.Elapsed <= limit, $"box-c shown offline {frozen.Elapsed.TotalSeconds:F1} s after SIGSTOP; keep-alive {KeepAliveSeconds} s allows {limit.TotalSeconds} s");
        Assert.True(PartAgents(Part(silent, "box-c")!.Value).SetEquals(["erin"]));
        Assert.Equal("offline", Part(silent, "box-b")!.Value.GetProperty("status").GetString());
        await c.KillAsync();
        foreach (var line in _broker.Log.Where(l => l.Contains("box-c", StringComparison.Ordinal)))
        {
            output.WriteLine("mosquitto: " + line);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var box in _boxes)
        {
            await box.DisposeAsync();
        }

        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private EdgeccRun Box(string device, int webPort, bool wallboard, params string[] agents)
    {
        var settings = new Dictionary<string, string>
        {
            ["Store:DataDirectory"] = Path.Combine(_dir, device),
            ["Web:Urls"] = $"http://127.0.0.1:{webPort}",
            ["Uplink:Enabled"] = "true",
            ["Uplink:Site"] = "hq",
            ["Uplink:Device"] = device,
            ["Uplink:BrokerHost"] = "127.0.0.1",
            ["Uplink:BrokerPort"] = _broker!.Port.ToString(CultureInfo.InvariantCulture),
            ["Uplink:KeepAlive"] = TimeSpan.FromSeconds(KeepAliveSeconds).ToString("c", CultureInfo.InvariantCulture),
            ["Uplink:ReconnectMinDelay"] = "00:00:00.200",
            ["Uplink:ReconnectMaxDelay"] = "00:00:02",
            ["SiteFloor:Wallboard"] = wallboard ? "true" : "false",
            ["SiteFloor:RefreshSeconds"] = "5",
            ["SiteFloor:StaleAfterSeconds"] = "20",
            ["SiteFloor:MetricsIntervalSeconds"] = "1",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:EdgeCc.Agent.Web.WebServer"] = "Information",
            ["Logging:LogLevel:EdgeCc.Agent.Uplink"] = "Information",
        };
        for (var i = 0; i < agents.Length; i++)
        {
            settings[$"Floor:Stations:{i}:Agent"] = agents[i];
            settings[$"Floor:Stations:{i}:Pixel"] = i.ToString(CultureInfo.InvariantCulture);
        }

        var box = EdgeccRun.Start(settings);
        _boxes.Add(box);
        return box;
    }

    /// <summary>
    /// Reads the host's SSE stream until a view satisfies <paramref name="done"/>. No sleeping:
    /// every read waits on the server's next push (a change, or the heartbeat).
    /// </summary>
    private async Task<JsonElement> WaitForViewAsync(HttpClient http, EdgeccRun host, Func<JsonElement, bool> done, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        JsonElement? last = null;
        while (true)
        {
            if (host.HasExited)
            {
                throw new InvalidOperationException($"the wallboard host exited while waiting for {what}:\n{host.Log()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, deadline.Token);
                response.EnsureSuccessStatusCode();
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(deadline.Token));
                while (await reader.ReadLineAsync(deadline.Token) is { } line)
                {
                    if (!line.StartsWith("data: ", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    using var json = JsonDocument.Parse(line.AsMemory("data: ".Length));
                    last = json.RootElement.Clone();
                    if (done(last.Value))
                    {
                        return last.Value;
                    }
                }
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"timed out after {timeout} waiting for {what}; last view: {last?.GetRawText() ?? "none"}\nhost log:\n{host.Log()}");
            }
        }
    }

    private async Task ValidAsync(string schema, IEnumerable<TestSubscriber.Received> messages)
    {
        var files = new List<string>();
        foreach (var m in messages)
        {
            var path = Path.Combine(_dir, "received", $"{files.Count}-{m.Topic.Replace('/', '_')}.json");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, m.Payload);
            files.Add(path);
        }

        Assert.NotEmpty(files);
        var (exit, text) = await PayloadSchemaTests.ValidateAsync(schema, files);
        Assert.True(exit == 0, $"{schema}:\n{text}");
    }

    private static HashSet<string> Agents(JsonElement view) =>
        [.. view.GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("agentId").GetString()!)];

    private static HashSet<string> PartAgents(JsonElement part) =>
        [.. part.GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("agentId").GetString()!)];

    private static JsonElement? Part(JsonElement view, string device)
    {
        if (!view.TryGetProperty("site", out var site) || site.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var part in site.GetProperty("parts").EnumerateArray())
        {
            if (part.GetProperty("device").GetString() == device)
            {
                return part;
            }
        }

        return null;
    }
}
