using EdgeCc.Agent.Store;
using EdgeCc.Agent.Tests.Store;
using EdgeCc.Agent.Uplink;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeCc.Agent.Tests.Uplink;

/// <summary>One edge box under test: a real store, its outbox and a real uplink service.</summary>
internal sealed class UplinkBox : IAsyncDisposable
{
    private readonly TempStore _dir = new();

    public UplinkBox(UplinkOptions options, params IRemoteConfigValidator[] validators)
    {
        Options = options;
        Db = new EdgeDatabase(_dir.Options, TimeProvider.System);
        Summaries = new SummaryStore(Db, TimeProvider.System);
        Outbox = new Outbox(Db, TimeProvider.System);
        History = new ConfigHistory(Db, TimeProvider.System);
        Holder = new RemoteConfig();
        Config = new RemoteConfigHandler(Holder, History, options, validators);
        Service = new UplinkService(new TestOptionsMonitor<UplinkOptions>(options), Outbox, Config, TimeProvider.System, NullLogger<UplinkService>.Instance);
    }

    public static UplinkOptions OptionsFor(int port) => new()
    {
        Enabled = true,
        Site = "hq",
        Device = "pi-7",
        BrokerHost = "127.0.0.1",
        BrokerPort = port,
        ReconnectMinDelay = TimeSpan.FromMilliseconds(20),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        KeepAlive = TimeSpan.FromSeconds(5),
        MaxInFlight = 16,
    };

    public UplinkOptions Options { get; }

    public EdgeDatabase Db { get; }

    public SummaryStore Summaries { get; }

    public Outbox Outbox { get; }

    public ConfigHistory History { get; }

    public RemoteConfig Holder { get; }

    public RemoteConfigHandler Config { get; }

    public UplinkService Service { get; }

    public Task StartAsync() => Service.StartAsync(CancellationToken.None);

    /// <summary>Waits on the service's progress signal (no polling, no sleeping) until <paramref name="done"/> holds.</summary>
    public async Task UntilAsync(Func<bool> done, TimeSpan timeout, string what)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var next = Service.Progress.Next;
            if (done())
            {
                return;
            }

            try
            {
                await next.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"timed out after {timeout} waiting for {what}: connects {Service.Connects}, failures {Service.ConnectFailures}, acked {Service.Acknowledged}, outbox {Outbox.Count}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await Service.StopAsync(cts.Token);
        Service.Dispose();
        Db.Dispose();
        _dir.Dispose();
    }
}
