using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Audio;
using EdgeCc.Agent.Store;
using EdgeCc.Agent.Telephony;
using EdgeCc.Agent.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeCc.Agent.Tests.Web;

/// <summary>Real HTTP requests against the real edgecc host listening on 127.0.0.1.</summary>
public sealed partial class WebServerTests
{
    [Fact]
    public async Task Healthz_answers_ok_on_loopback()
    {
        await using var web = await WebHost.StartAsync();
        using var client = web.Client();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok\n", await response.Content.ReadAsStringAsync());
        Assert.Equal("127.0.0.1", web.BaseAddress.Host);
    }

    [Fact]
    public async Task Readyz_is_ready_after_start_and_names_the_stopped_pipeline()
    {
        await using var web = await WebHost.StartAsync();
        using var client = web.Client();

        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        // Capture has finished: analysis drains and stops, and the box is no longer ready.
        web.Services.GetRequiredService<AnalysisPipeline>().Complete();
        var analysis = web.Services.GetServices<IHostedService>().OfType<AnalysisService>().Single();
        await analysis.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));

        using var notReady = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Contains("pipeline not running", await notReady.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_are_prometheus_text_with_stages_detections_outbox_and_process_figures()
    {
        await using var web = await WebHost.StartAsync();
        Escalate(web, "1001", "call-m");
        using var client = web.Client();

        // The red light's alert is stored and queued for central by AlertRecorder's own loop.
        var recorder = web.Services.GetRequiredService<EdgeCc.Agent.Floor.AlertRecorder>();
        Assert.True(SpinWait.SpinUntil(() => recorder.Recorded >= 1, TimeSpan.FromSeconds(30)), "the alert was stored");
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        var typed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                Assert.True(typed.Add(line.Split(' ')[2]), "TYPE given twice: " + line);
                continue;
            }

            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, "not a 0.0.4 sample line: " + line);
            Assert.Contains(match.Groups["name"].Value, typed);
            samples[match.Groups["series"].Value] = double.Parse(match.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.Equal(0, samples["edgecc_stage_dropped_total{stage=\"analysis-0\",policy=\"wait\"}"]);
        Assert.True(samples.ContainsKey("edgecc_stage_depth{stage=\"floor-events\",policy=\"wait\"}"));
        Assert.True(samples.ContainsKey("edgecc_stage_written_total{stage=\"summaries\",policy=\"wait\"}"));
        Assert.Equal(1, samples["edgecc_detections_total{category=\"escalation\"}"]);
        Assert.Equal(1, samples["edgecc_active_calls"]);
        Assert.Equal(1, samples["edgecc_agents{light=\"red\"}"]);
        Assert.Equal(1, samples["edgecc_alerts_total"]);
        Assert.Equal(1, samples["edgecc_outbox_rows"]);
        Assert.Equal(1, samples["edgecc_ready"]);
        Assert.Equal(0, samples["edgecc_display_failures_total"]);
        Assert.Equal(0, samples["edgecc_ami_connected"]);
        Assert.Equal(0, samples["edgecc_mqtt_connected"]);
        Assert.True(samples["process_cpu_seconds_total"] > 0);
        Assert.True(samples["process_resident_memory_bytes"] > 1_000_000);
    }

    [Fact]
    public async Task Acknowledge_needs_the_configured_pin_and_is_recorded_in_the_store()
    {
        await using var web = await WebHost.StartAsync();
        Escalate(web, "1001", "call-a");
        using var client = web.Client();
        var alertId = (await client.GetFromJsonAsync<JsonElement>(new Uri("/api/wallboard", UriKind.Relative))).GetProperty("alerts")[0].GetProperty("alertId").GetString()!;
        var path = new Uri($"/api/alerts/{alertId}/acknowledge", UriKind.Relative);

        using var form = await client.PostAsync(path, new StringContent("{\"pin\":\"4321\"}", System.Text.Encoding.UTF8, "text/plain"));
        using var none = await client.PostAsJsonAsync(path, new { by = "Sam" });
        using var wrong = await client.PostAsJsonAsync(path, new { pin = "0000", by = "Sam" });
        using var right = await client.PostAsJsonAsync(path, new { pin = WebHost.Pin, by = "Sam" });
        using var again = await client.PostAsJsonAsync(path, new { pin = WebHost.Pin, by = "Sam" });

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, none.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        var stored = Assert.Single(web.Services.GetRequiredService<AlertStore>().List(), a => a.Kind == StoreAlertAcknowledger.Kind);
        Assert.Equal("1001", stored.AgentId);
        Assert.Contains("Sam", stored.Text, StringComparison.Ordinal);
        var view = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/wallboard", UriKind.Relative));
        Assert.Equal("Sam", view.GetProperty("alerts")[0].GetProperty("acknowledgedBy").GetString());
    }

    [Fact]
    public async Task Acknowledge_is_refused_for_a_minute_after_five_wrong_pins()
    {
        await using var web = await WebHost.StartAsync();
        Escalate(web, "1001", "call-b");
        using var client = web.Client();
        var path = new Uri("/api/alerts/A1/acknowledge", UriKind.Relative);
        for (var i = 0; i < WebRequestHandler.MaxWrongPins; i++)
        {
            using var wrong = await client.PostAsJsonAsync(path, new { pin = "9999" });
            Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        }

        using var locked = await client.PostAsJsonAsync(path, new { pin = WebHost.Pin });

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
    }

    [Fact]
    public async Task Acknowledge_without_a_configured_pin_is_always_refused()
    {
        await using var web = await WebHost.StartAsync(extra: new Dictionary<string, string?> { ["Web:AcknowledgePin"] = null });
        Escalate(web, "1001", "call-c");
        using var client = web.Client();

        using var response = await client.PostAsJsonAsync(new Uri("/api/alerts/A1/acknowledge", UriKind.Relative), new { pin = WebHost.Pin });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Events_stream_pushes_the_whole_view_as_server_sent_events()
    {
        await using var web = await WebHost.StartAsync();
        Escalate(web, "1001", "call-e");
        using var client = web.Client();

        using var response = await client.GetAsync(new Uri("/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        string? data = null;
        while (data is null && await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
        }

        using var view = JsonDocument.Parse(data!);
        var agent = view.RootElement.GetProperty("agents")[0];
        Assert.Equal("1001", agent.GetProperty("agentId").GetString());
        Assert.Equal("red", agent.GetProperty("light").GetString());
        Assert.Equal("escalation", view.RootElement.GetProperty("trends")[0].GetProperty("category").GetString());
    }

    [Fact]
    public async Task Wallboard_page_and_assets_are_served_from_the_binary_with_no_external_references()
    {
        await using var web = await WebHost.StartAsync();
        using var client = web.Client();

        foreach (var (path, type) in new[] { ("/", "text/html"), ("/wallboard.css", "text/css"), ("/wallboard.js", "text/javascript") })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("http://", body, StringComparison.Ordinal);
            Assert.DoesNotContain("https://", body, StringComparison.Ordinal);
        }

        using var missing = await client.GetAsync(new Uri("/nope", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public void Port_in_use_fails_the_build_with_one_message_naming_the_address()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)squatter.LocalEndpoint).Port}";

        var data = WebHost.NewDataDirectory();
        try
        {
            var error = Assert.Throws<IOException>(() => WebHost.Build(data, url));

            Assert.Equal($"cannot listen on {url}: address already in use (set Web:Urls to a free address)", error.Message);
        }
        finally
        {
            WebHost.DeleteDataDirectory(data);
        }
    }

    [Fact]
    public async Task Edgecc_run_with_the_port_in_use_exits_1_with_one_stderr_line_naming_the_address()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)squatter.LocalEndpoint).Port}";
        var data = WebHost.NewDataDirectory();

        var (exitCode, _, error) = await Hosting.EdgeccProcess.RunAsync("run", "--Web:Urls=" + url, "--Store:DataDirectory=" + data);
        WebHost.DeleteDataDirectory(data);

        Assert.Equal(1, exitCode);
        Assert.Equal($"edgecc: cannot listen on {url}: address already in use (set Web:Urls to a free address)", error.TrimEnd('\n'));
    }

    internal static void Escalate(WebHost web, string agentId, string callId)
    {
        web.Floor.Apply(new CallStarted(callId, DateTimeOffset.UtcNow, agentId, "test"));
        web.Floor.Apply(new Detection(callId, Leg.Customer, "speak to a manager", "escalation", -0.8, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5), 0.9));
    }

    [GeneratedRegex("^(?<series>(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"(\\\\.|[^\"\\\\])*\"(,[a-zA-Z_][a-zA-Z0-9_]*=\"(\\\\.|[^\"\\\\])*\")*\\})?) (?<value>[-+0-9.eE]+|NaN|[+-]Inf)$")]
    private static partial Regex SampleLine();
}
