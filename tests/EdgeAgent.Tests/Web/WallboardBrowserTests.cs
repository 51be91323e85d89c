using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Capture;
using EdgeCc.Agent.Floor;
using EdgeCc.Agent.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EdgeCc.Agent.Tests.Web;

/// <summary>
/// The wallboard in a real browser (<see cref="ChromiumSession"/>) against the real host fed by
/// the demo's sample calls through real PocketSphinx.
/// </summary>
public sealed class WallboardBrowserTests
{
    private static readonly string Screenshots = Path.Combine(Path.GetTempPath(), "edgecc-wallboard-screenshots");
    private static readonly float Patience = 90_000;

    [Fact]
    public async Task Spoken_escalation_turns_the_agent_red_queue_tiles_render_and_acknowledge_needs_the_pin()
    {
        TestPaths.RequireFile("/usr/share/pocketsphinx/model/en-us/en-us", "pocketsphinx-en-us");
        await using var web = await WebHost.StartAsync();
        await using var browser = await ChromiumSession.StartAsync();
        var page = browser.Page;
        await page.SetViewportSizeAsync(1920, 1080);
        await page.GotoAsync(web.BaseAddress.ToString());
        await page.Locator("body[data-connection='live']").WaitForAsync(new() { Timeout = Patience });
        Assert.Equal("20px", await RootFontSize(page));

        // Queue tiles render before any call: the floor-wide tile, "—" where no queue feed exists.
        var tile = page.Locator(".queue[data-queue='All queues']");
        Assert.Equal("\u2014", await tile.Locator("[data-figure='waiting'] .value").TextContentAsync());
        Assert.Equal("\u2014", await tile.Locator("[data-figure='service-level'] .value").TextContentAsync());
        Assert.Equal("0", await tile.Locator("[data-figure='available'] .value").TextContentAsync());

        var calls = DemoCommand.LoadManifest(TestPaths.Repo("samples/calls.json"));
        var playing = web.Services.GetRequiredService<FileCallSource>()
            .PlayAsync(calls, web.Services.GetRequiredService<AnalysisPipeline>(), speed: 1, CancellationToken.None);

        var agent = page.Locator(".agent[data-agent='1001']");
        await agent.WaitForAsync(new() { Timeout = Patience });
        Assert.Equal("green", await agent.GetAttributeAsync("data-light"));
        await page.Locator(".agent[data-agent='1001'][data-light='red']").WaitForAsync(new() { Timeout = Patience });
        Assert.Contains("escalation", await agent.Locator(".reason").TextContentAsync(), StringComparison.Ordinal);
        await page.Locator(".agent[data-agent='1003']").WaitForAsync(new() { Timeout = Patience });
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "wallboard-1080p.png") });

        // Acknowledge: refused with no PIN and with a wrong one, accepted with the configured one.
        var alert = page.Locator(".alert[data-agent='1001']").First;
        await alert.Locator("button.ack").ClickAsync();
        await page.Locator("#ack-by").FillAsync("Sam");
        await page.Locator("#ack-submit").ClickAsync();
        await page.Locator("#ack-error:has-text('wrong PIN')").WaitForAsync(new() { Timeout = Patience });
        await page.Locator("#ack-pin").FillAsync("1111");
        await page.Locator("#ack-submit").ClickAsync();
        await page.Locator("#ack-error:has-text('wrong PIN')").WaitForAsync(new() { Timeout = Patience });
        Assert.Equal(0, await page.Locator(".alert.acknowledged").CountAsync());
        await page.Locator("#ack-pin").FillAsync(WebHost.Pin);
        await page.Locator("#ack-submit").ClickAsync();
        await page.Locator(".alert.acknowledged[data-agent='1001']:has-text('acknowledged by Sam')").WaitForAsync(new() { Timeout = Patience });

        // Layouts: 4K doubles the type; a tablet gets smaller type and one column.
        await page.SetViewportSizeAsync(3840, 2160);
        Assert.Equal("40px", await RootFontSize(page));
        await page.SetViewportSizeAsync(1024, 768);
        Assert.Equal("16px", await RootFontSize(page));
        Assert.Equal(1, await page.EvaluateAsync<int>("getComputedStyle(document.querySelector('main')).gridTemplateColumns.split(' ').length"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "wallboard-tablet.png"), FullPage = true });
        Assert.Equal(3, await playing.WaitAsync(TimeSpan.FromMinutes(2)));

        // A queue feed (AMI or SIP-derived) replaces the floor-wide tile, and its figures move live.
        await page.SetViewportSizeAsync(1920, 1080);
        var board = web.Services.GetRequiredService<QueueBoard>();
        board.CallerJoined("support", "caller-1");
        board.CallerJoined("support", "caller-2");
        var support = page.Locator(".queue[data-queue='support']");
        await support.Locator("[data-figure='waiting'] .value:text-is('2')").WaitForAsync(new() { Timeout = Patience });
        Assert.Equal("green", await support.GetAttributeAsync("data-light"));

        // Coloured by the stack light's thresholds: 8 waiting is red by default.
        for (var i = 3; i <= 8; i++)
        {
            board.CallerJoined("support", "caller-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await page.Locator(".queue[data-queue='support'][data-light='red']").WaitForAsync(new() { Timeout = Patience });
        board.CallerAnswered("support", "caller-1", TimeSpan.FromSeconds(5));
        for (var i = 2; i <= 8; i++)
        {
            board.CallerAbandoned("support", "caller-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await support.Locator("[data-figure='waiting'] .value:text-is('0')").WaitForAsync(new() { Timeout = Patience });
        Assert.NotEqual("\u2014", await support.Locator("[data-figure='service-level'] .value").TextContentAsync());
        Assert.NotEqual("\u2014", await support.Locator("[data-figure='abandon-rate'] .value").TextContentAsync());
        Assert.Equal(0, await page.Locator(".queue[data-queue='All queues']").CountAsync());
    }

    [Fact]
    public async Task Page_shows_stale_data_when_the_feed_stops_and_recovers_when_the_box_restarts()
    {
        var url = $"http://127.0.0.1:{Hosting.EdgeccRun.FreePort()}";
        var data = WebHost.NewDataDirectory();
        var quick = new Dictionary<string, string?> { ["Web:StaleAfterSeconds"] = "2", ["Web:HeartbeatSeconds"] = "1" };
        await using var browser = await ChromiumSession.StartAsync();
        var page = browser.Page;
        var stale = page.Locator("#stale-banner");
        await using (var first = await WebHost.StartAsync(url, quick, data))
        {
            await page.GotoAsync(url);
            await page.Locator("body[data-connection='live']").WaitForAsync(new() { Timeout = Patience });
            Assert.True(await stale.IsHiddenAsync());
        }

        await page.Locator("body[data-connection='reconnecting']").WaitForAsync(new() { Timeout = Patience });
        await page.Locator("body.stale #stale-banner").WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = Patience });
        Assert.Contains("STALE DATA", await stale.TextContentAsync(), StringComparison.Ordinal);

        await using var second = await WebHost.StartAsync(url, quick, data);
        await page.Locator("body[data-connection='live']:not(.stale)").WaitForAsync(new() { Timeout = Patience });
        Assert.True(await stale.IsHiddenAsync());
        Directory.Delete(data, recursive: true);
    }

    private static Task<string> RootFontSize(IPage page)
        => page.EvaluateAsync<string>("getComputedStyle(document.documentElement).fontSize");
}
