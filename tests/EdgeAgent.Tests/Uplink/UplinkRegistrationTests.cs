using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Hosting;
using EdgeCc.Agent.Store;
using EdgeCc.Agent.Tests.Store;
using EdgeCc.Agent.Uplink;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeCc.Agent.Tests.Uplink;

public sealed class UplinkRegistrationTests : IDisposable
{
    private readonly TempStore _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Host_with_store_and_uplink_delivers_a_summary_from_the_channel_to_the_broker()
    {
        await using var broker = new EmbeddedBroker(port: 0);
        await broker.StartAsync();
        using var central = new TestSubscriber(broker.Port);
        await central.ConnectAsync();

        var remoteConfig = new RemoteConfig();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:DataDirectory"] = _dir.Options.DataDirectory,
            ["Uplink:Enabled"] = "true",
            ["Uplink:Site"] = "hq",
            ["Uplink:Device"] = "pi-7",
            ["Uplink:BrokerPort"] = broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Uplink:ReconnectMinDelay"] = "00:00:00.050",
            ["Uplink:ReconnectMaxDelay"] = "00:00:00.500",
        });
        builder.Configuration.AddRemoteConfig(remoteConfig);
        var summaries = new StageChannel<CallSummary>("summaries", 64, OverflowPolicy.Wait);
        builder.Services.AddSingleton(summaries);
        builder.Services.AddStore(builder.Configuration);
        builder.Services.AddUplink(builder.Configuration, remoteConfig);
        builder.Services.AddRemoteConfigValidation<AnalysisOptions>(AnalysisOptions.Section);
        using var host = builder.Build();
        await host.StartAsync();

        await summaries.WriteAsync(TempStore.Summary(1));
        try
        {
            await central.WaitForAsync(m => m.Any(x => x.Topic == "edgecc/v1/hq/pi-7/calls"), TimeSpan.FromSeconds(60), "the call");
        }
        catch (TimeoutException ex)
        {
            // This wait timed out twice in about twenty full CI runs; say where the summary stopped.
            var outbox = host.Services.GetRequiredService<Outbox>();
            var uplink = host.Services.GetRequiredService<UplinkService>();
            throw new TimeoutException(
                $"{ex.Message}. Summaries read from the channel: {summaries.Read}; outbox rows enqueued {outbox.Enqueued}, waiting {outbox.Count}; " +
                $"uplink connects {uplink.Connects}, failed connects {uplink.ConnectFailures}, connected {uplink.IsConnected}, acknowledged {uplink.Acknowledged}",
                ex);
        }

        await central.PublishAsync("edgecc/v1/hq/pi-7/config", """{"schemaVersion":1,"version":"w1","settings":{"Analysis":{"Workers":3}}}""");
        await central.WaitForAsync(m => m.Any(x => x.Topic == "edgecc/v1/hq/pi-7/config/ack"), TimeSpan.FromSeconds(60), "the ack");
        Assert.Equal("3", host.Services.GetRequiredService<IConfiguration>()["Analysis:Workers"]);

        summaries.Complete();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StopAsync(stop.Token);
        Assert.Equal(0, host.Services.GetRequiredService<Outbox>().Count);
    }
}
