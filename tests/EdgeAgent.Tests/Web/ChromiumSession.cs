using Microsoft.Playwright;

namespace EdgeCc.Agent.Tests.Web;

/// <summary>
/// Debian's chromium (apt-get install -y chromium) driven by Playwright's bundled node driver,
/// with a fresh profile; nothing is downloaded (no <c>playwright install</c>).
/// </summary>
internal sealed class ChromiumSession : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private ChromiumSession(IPlaywright playwright, IBrowserContext context, IPage page, string profile)
    {
        _playwright = playwright;
        Context = context;
        Page = page;
        _profile = profile;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public static async Task<ChromiumSession> StartAsync()
    {
        TestPaths.RequireFile(Executable, "chromium");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        var profile = Path.Combine(Path.GetTempPath(), "edgecc-chromium-" + Guid.NewGuid().ToString("N"));

        // Playwright passes the profile as --user-data-dir; it refuses that flag in Args.
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new()
        {
            ExecutablePath = Executable,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--disable-sync", "--disable-quic",
            ],
        });
        var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        return new ChromiumSession(playwright, context, page, profile);
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        if (Directory.Exists(_profile))
        {
            Directory.Delete(_profile, recursive: true);
        }
    }
}
