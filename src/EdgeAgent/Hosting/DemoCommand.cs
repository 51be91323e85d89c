using System.Globalization;
using System.Text.Json;
using EdgeCc.Agent.Capture;
using EdgeCc.Agent.Floor;
using EdgeCc.Agent.Store;
using EdgeCc.Agent.Uplink;
using EdgeCc.Agent.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeCc.Agent.Hosting;

/// <summary>
/// <c>demo</c>: no hardware, no network. Plays the bundled sample calls (samples/calls.json)
/// overlapping, shows the floor live in the terminal, keeps the summaries in a LiteDB file in
/// a fresh directory, and ends with a table of them.
/// </summary>
internal static class DemoCommand
{
    private static readonly TimeSpan Stagger = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(CommandLine command, TextWriter output, CancellationToken cancellationToken)
    {
        var speed = command.GetDouble("speed", 2);
        if (speed < 0)
        {
            throw new CommandLineException("option --speed must be 0 (as fast as possible) or more");
        }

        var samples = Path.Combine(AppContext.BaseDirectory, "samples");
        var calls = LoadManifest(Path.Combine(samples, "calls.json"));
        var data = command.Get("data") ?? Path.Combine(Path.GetTempPath(), "edgecc-demo-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        var overrides = new Dictionary<string, string?>(command.Overrides, StringComparer.OrdinalIgnoreCase)
        {
            ["Store:DataDirectory"] = data,
        };

        // The wallboard on a free loopback port unless one is asked for: a busy 8080 must not stop a demo.
        overrides.TryAdd("Web:Urls", "http://127.0.0.1:0");

        // The MQTT path is real too: an embedded broker on loopback, unless a broker is configured.
        await using var broker = new EmbeddedBroker();
        if (!overrides.ContainsKey("Uplink:BrokerHost"))
        {
            await broker.StartAsync().ConfigureAwait(false);
            overrides["Uplink:Enabled"] = "true";
            overrides["Uplink:BrokerPort"] = broker.Port.ToString(CultureInfo.InvariantCulture);
            overrides.TryAdd("Uplink:Site", "demo-site");
            overrides.TryAdd("Uplink:Device", "demo-box");
        }

        using var host = Program.BuildHost(new HostSettings
        {
            ConfigFile = command.Get("config"),
            Overrides = overrides,
            MinimumLogLevel = LogLevel.Warning,
            TerminalFloorView = true,
        });

        output.WriteLine($"EdgeCc demo: {calls.Count} sample calls at speed {speed.ToString(CultureInfo.InvariantCulture)}x, summaries in {data}");
        using var view = host.Services.GetRequiredService<TerminalFloorView>();
        var summaries = await RecordedRun.PlayAsync(
            host,
            (services, sink, ct) =>
            {
                var web = services.GetRequiredService<WebServer>().Addresses;
                output.WriteLine(web.Count > 0 ? $"Wallboard: {web[0]}/  (metrics: {web[0]}/metrics)" : "Wallboard: off");
                output.WriteLine();
                return services.GetRequiredService<FileCallSource>().PlayAsync(calls, sink, speed, ct);
            },
            cancellationToken).ConfigureAwait(false);
        output.WriteLine();
        SummaryTable.Write(output, summaries);
        var outbox = host.Services.GetRequiredService<Outbox>();
        var uplink = host.Services.GetRequiredService<UplinkService>();
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"uplink: {uplink.Acknowledged} messages acknowledged by the broker, {outbox.Count} waiting in the outbox for the next run"));
        return Cli.ExitOk;
    }

    internal static List<FileCall> LoadManifest(string path)
    {
        using var stream = File.OpenRead(path);
        var entries = JsonSerializer.Deserialize<List<ManifestEntry>>(stream, ManifestJson)
            ?? throw new InvalidDataException($"{path}: no calls");
        var directory = Path.GetDirectoryName(path)!;
        var calls = new List<FileCall>(entries.Count);
        foreach (var entry in entries)
        {
            var file = entry.File ?? throw new InvalidDataException($"{path}: a call has no File");
            calls.Add(new FileCall(Path.Combine(directory, file), entry.CallId ?? Path.GetFileNameWithoutExtension(file), entry.AgentId, Stagger * calls.Count));
        }

        return calls;
    }

    private static readonly JsonSerializerOptions ManifestJson = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The fields of samples/calls.json the demo plays; the rest (phrases, turns) is for the tests and the checker.</summary>
    private sealed record ManifestEntry(string? File, string? CallId, string? AgentId);
}
