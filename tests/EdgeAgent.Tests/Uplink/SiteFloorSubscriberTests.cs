using EdgeCc.Agent.Store;
using EdgeCc.Agent.Uplink;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Tests.Uplink;

/// <summary>
/// The wallboard host's subscriber against a real mosquitto whose TLS listener requires client
/// certificates from the test CA: it connects with the uplink's TLS options and picks up the
/// retained parts the other boxes left; with a CA that did not sign the broker it refuses and retries.
/// </summary>
public sealed class SiteFloorSubscriberTests : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "edgecc-sitesub-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Subscriber_connects_with_the_uplinks_mutual_tls_and_merges_the_retained_parts_of_the_site()
    {
        var pki = await TestPki.CreateAsync(Path.Combine(_dir, "pki"));
        await using var broker = new Mosquitto(Path.Combine(_dir, "broker"), pki);
        await broker.StartAsync();
        using var peer = new TestSubscriber(broker.Port, "pi-2");
        await peer.ConnectAsync();
        var at = DateTimeOffset.UtcNow;
        var floor = Envelope.Wrap("hq", "pi-2", new OutboxRow(5, OutboxTopics.Floor, PayloadWriter.Floor(new FloorSnapshot(at, [new FloorAgent("carol", "talking", "green", 0)], [])), at));
        await peer.PublishAsync("edgecc/v1/hq/pi-2/floor", System.Text.Encoding.UTF8.GetString(floor));
        await peer.PublishAsync("edgecc/v1/hq/pi-2/status", System.Text.Encoding.UTF8.GetString(Envelope.Status("hq", "pi-2", true, at, "0.1.0")));
        await peer.PublishAsync("edgecc/v1/elsewhere/pi-9/floor", System.Text.Encoding.UTF8.GetString(floor));

        var (site, subscriber) = Subscriber(broker.TlsPort, pki.CaCert, pki.ClientCert, pki.ClientKey);
        var changed = new Signal();
        site.Changed += changed.Fire;
        await subscriber.StartAsync(CancellationToken.None);
        try
        {
            await UntilAsync(changed, () => site.Parts() is [{ State: SitePartState.Live, Agents: [{ AgentId: "carol" }] }], "pi-2's retained live part");

            Assert.True(site.Connected);
            Assert.Equal(1, subscriber.Connects);
            Assert.Equal("pi-2", Assert.Single(site.Parts()).Device);
            Assert.Equal(0, site.Count(SiteMessageOutcome.WrongTopic));
        }
        finally
        {
            await subscriber.StopAsync(CancellationToken.None);
        }

        Assert.False(site.Connected);
    }

    [Fact]
    public async Task Subscriber_refuses_a_broker_its_configured_ca_did_not_sign_and_keeps_retrying()
    {
        var pki = await TestPki.CreateAsync(Path.Combine(_dir, "pki"));
        await using var broker = new Mosquitto(Path.Combine(_dir, "broker"), pki);
        await broker.StartAsync();

        var (site, subscriber) = Subscriber(broker.TlsPort, pki.RogueCaCert, pki.ClientCert, pki.ClientKey);
        await subscriber.StartAsync(CancellationToken.None);
        try
        {
            await UntilAsync(subscriber.Progress, () => subscriber.ConnectFailures >= 3, "three refused connects");

            Assert.Equal(0, subscriber.Connects);
            Assert.False(site.Connected);
            Assert.Empty(site.Parts());
        }
        finally
        {
            await subscriber.StopAsync(CancellationToken.None);
        }
    }

    private static (SiteFloor Site, SiteFloorSubscriber Subscriber) Subscriber(int port, string ca, string cert, string key)
    {
        var uplink = UplinkBox.OptionsFor(port);
        uplink.Site = "hq";
        uplink.Device = "pi-1";
        uplink.Tls = new UplinkTlsOptions { Enabled = true, CaFile = ca, ClientCertFile = cert, ClientKeyFile = key };
        var options = Options.Create(new SiteFloorOptions { Wallboard = true });
        var site = new SiteFloor(Options.Create(uplink), options, TimeProvider.System);
        return (site, new SiteFloorSubscriber(site, Options.Create(uplink), options, TimeProvider.System, NullLogger<SiteFloorSubscriber>.Instance));
    }

    /// <summary>Waits on <paramref name="signal"/> (no polling, no sleeping) until <paramref name="done"/> holds.</summary>
    private static async Task UntilAsync(Signal signal, Func<bool> done, string what)
    {
        using var cts = new CancellationTokenSource(Generous);
        while (true)
        {
            var next = signal.Next;
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
                throw new TimeoutException($"timed out after {Generous} waiting for {what}");
            }
        }
    }
}
