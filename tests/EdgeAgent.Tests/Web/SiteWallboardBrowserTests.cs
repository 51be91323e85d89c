using System.Globalization;
using System.Text;
using EdgeCc.Agent.Store;
using EdgeCc.Agent.Tests.Uplink;
using EdgeCc.Agent.Uplink;
using Microsoft.Playwright;

namespace EdgeCc.Agent.Tests.Web;

/// <summary>
/// The wallboard host's page in a real browser: the real host subscribed through a real broker,
/// other boxes' parts published retained on it as those boxes would, and the page marking each
/// part LIVE, STALE or OFFLINE in words as well as in colour.
/// </summary>
public sealed class SiteWallboardBrowserTests
{
    private static readonly string Screenshots = Path.Combine(Path.GetTempPath(), "edgecc-wallboard-screenshots");
    private static readonly float Patience = 90_000;

    [Fact]
    public async Task Wallboard_host_page_shows_other_boxes_live_stale_and_offline_and_their_alerts_without_acknowledge()
    {
        await using var broker = new EmbeddedBroker(port: 0);
        await broker.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Uplink:Enabled"] = "true",
            ["Uplink:Site"] = "hq",
            ["Uplink:Device"] = "box-a",
            ["Uplink:BrokerPort"] = broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Uplink:ReconnectMinDelay"] = "00:00:00.100",
            ["SiteFloor:Wallboard"] = "true",
            ["SiteFloor:RefreshSeconds"] = "5",
            ["SiteFloor:StaleAfterSeconds"] = "30",
            ["Floor:Stations:0:Agent"] = "alice",
        };
        await using var web = await WebHost.StartAsync(extra: settings);
        using var peer = new TestSubscriber(broker.Port, "other-boxes");
        await peer.ConnectAsync();
        var now = DateTimeOffset.UtcNow;
        await PublishAsync(peer, "box-b", "floor", Floor("box-b", now, new FloorAgent("carol", "talking", "red", 1), new FloorAgent("dave", "idle", "off", 0)));
        await PublishAsync(peer, "box-b", "status", Envelope.Status("hq", "box-b", true, now, "0.1.0"));
        await PublishAsync(peer, "box-c", "floor", Floor("box-c", now, new FloorAgent("erin", "talking", "green", 0)));
        await PublishAsync(peer, "box-c", "status", Envelope.Status("hq", "box-c", false, now, "0.1.0"));
        await PublishAsync(peer, "box-d", "floor", Floor("box-d", now.AddMinutes(-5), new FloorAgent("frank", "onhold", "amber", 0)));
        var alert = new AlertMessage("A3", "escalation", AlertSeverity.Critical, "'speak to a manager' from the customer", now, "carol", "c1");
        await PublishAsync(peer, "box-b", "alerts", Envelope.Wrap("hq", "box-b", new OutboxRow(9, OutboxTopics.Alerts, PayloadWriter.Alert(alert), now)), retain: false);

        await using var browser = await ChromiumSession.StartAsync();
        var page = browser.Page;
        await page.SetViewportSizeAsync(1920, 1080);
        await page.GotoAsync(web.BaseAddress.ToString());
        await page.Locator("body[data-connection='live']").WaitForAsync(new() { Timeout = Patience });

        await page.Locator(".part[data-device='box-b'][data-part-status='live'] .agent[data-agent='carol'][data-light='red']").WaitForAsync(new() { Timeout = Patience });
        await page.Locator(".part[data-device='box-c'][data-part-status='offline'] .agent[data-agent='erin']").WaitForAsync(new() { Timeout = Patience });
        await page.Locator(".part[data-device='box-d'][data-part-status='stale'] .agent[data-agent='frank']").WaitForAsync(new() { Timeout = Patience });
        await page.Locator(".alert:has-text('[box-b] carol:')").WaitForAsync(new() { Timeout = Patience });

        Assert.Equal("OFFLINE", await page.Locator(".part[data-device='box-c'] .part-status").TextContentAsync());
        Assert.Equal("STALE", await page.Locator(".part[data-device='box-d'] .part-status").TextContentAsync());
        Assert.Equal("LIVE", await page.Locator(".part[data-device='box-b'] .part-status").TextContentAsync());
        Assert.Equal("1 open alert", await page.Locator(".part[data-device='box-b'] .agent[data-agent='carol'] .reason").TextContentAsync());
        Assert.Equal(1, await page.Locator("#agents .agent[data-agent='alice']").CountAsync());
        Assert.Contains("box-a (this box)", await page.Locator("#agents-title").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator(".alert:has-text('[box-b]') button.ack").CountAsync());
        Assert.True(await page.Locator("#site-connection").IsHiddenAsync());
        var offlineOpacity = await page.EvaluateAsync<string>("getComputedStyle(document.querySelector(\".part[data-device='box-c'] .agent-grid\")).opacity");
        Assert.True(double.Parse(offlineOpacity, CultureInfo.InvariantCulture) < 0.5, $"offline part opacity {offlineOpacity}");
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "wallboard-site-1080p.png"), FullPage = true });

        // The box comes back: its next online status lifts OFFLINE.
        await PublishAsync(peer, "box-c", "status", Envelope.Status("hq", "box-c", true, DateTimeOffset.UtcNow, "0.1.0"));
        await page.Locator(".part[data-device='box-c'][data-part-status='live']").WaitForAsync(new() { Timeout = Patience });
    }

    private static byte[] Floor(string device, DateTimeOffset at, params FloorAgent[] agents) =>
        Envelope.Wrap("hq", device, new OutboxRow(7, OutboxTopics.Floor, PayloadWriter.Floor(new FloorSnapshot(at, agents, [new FloorQueue("support", 3, TimeSpan.FromSeconds(75))])), at));

    private static Task PublishAsync(TestSubscriber peer, string device, string leaf, byte[] payload, bool retain = true) =>
        peer.PublishAsync($"edgecc/v1/hq/{device}/{leaf}", Encoding.UTF8.GetString(payload), retain);
}
