using EdgeCc.Agent.Floor;
using EdgeCc.Agent.Hosting;
using EdgeCc.Agent.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeCc.Agent.Tests.Web;

/// <summary>The real edgecc host (real Kestrel on 127.0.0.1, real LiteDB in a temporary directory) for web tests.</summary>
internal sealed class WebHost : IAsyncDisposable
{
    public const string Pin = "4321";

    private readonly bool _ownsData;

    private WebHost(IHost host, string data, bool ownsData)
    {
        Host = host;
        Data = data;
        _ownsData = ownsData;
    }

    public IHost Host { get; }

    public string Data { get; }

    public IServiceProvider Services => Host.Services;

    public FloorState Floor => Services.GetRequiredService<FloorState>();

    public Uri BaseAddress { get; private set; } = null!;

    public static IHost Build(string data, string urls, IDictionary<string, string?>? extra = null)
    {
        var overrides = new Dictionary<string, string?>
        {
            ["Store:DataDirectory"] = data,
            ["Web:Urls"] = urls,
            ["Web:AcknowledgePin"] = Pin,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        return Program.BuildHost(new HostSettings { Overrides = overrides, MinimumLogLevel = LogLevel.Warning });
    }

    public static async Task<WebHost> StartAsync(string urls = "http://127.0.0.1:0", IDictionary<string, string?>? extra = null, string? data = null)
    {
        var owns = data is null;
        data ??= NewDataDirectory();
        var web = new WebHost(Build(data, urls, extra), data, owns);
        await web.Host.StartAsync();
        web.BaseAddress = new Uri(web.Services.GetRequiredService<WebServer>().Addresses[0]);
        return web;
    }

    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "edgecc-web-" + Guid.NewGuid().ToString("N"));

    public static void DeleteDataDirectory(string data)
    {
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }
    }

    public HttpClient Client() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        if (_ownsData)
        {
            DeleteDataDirectory(Data);
        }
    }
}
