using EdgeCc.Agent.Tests.Store;
using EdgeCc.Agent.Uplink;

namespace EdgeCc.Agent.Tests.Uplink;

/// <summary>Mosquitto with a TLS listener that requires client certificates from the test CA.</summary>
public sealed class UplinkTlsTests : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "edgecc-tls-" + Guid.NewGuid().ToString("N"));

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
    public async Task Client_certificate_from_another_ca_is_refused_and_retried_and_nothing_is_lost_once_renewed()
    {
        var pki = await TestPki.CreateAsync(Path.Combine(_dir, "pki"));
        var device = Path.Combine(_dir, "device");
        Directory.CreateDirectory(device);
        var cert = Path.Combine(device, "client.crt");
        var key = Path.Combine(device, "client.key");
        File.Copy(pki.RogueClientCert, cert);
        File.Copy(pki.RogueClientKey, key);

        await RunRefusedThenFixedAsync(pki, pki.CaCert, cert, key, fix: () =>
        {
            File.Copy(pki.ClientCert, cert, overwrite: true);
            File.Copy(pki.ClientKey, key, overwrite: true);
        });
    }

    [Fact]
    public async Task Broker_certificate_not_from_the_configured_ca_is_refused_and_retried_and_nothing_is_lost_once_fixed()
    {
        var pki = await TestPki.CreateAsync(Path.Combine(_dir, "pki"));
        var ca = Path.Combine(_dir, "trusted-ca.crt");
        File.Copy(pki.RogueCaCert, ca);

        await RunRefusedThenFixedAsync(pki, ca, pki.ClientCert, pki.ClientKey, fix: () => File.Copy(pki.CaCert, ca, overwrite: true));
    }

    private async Task RunRefusedThenFixedAsync(TestPki pki, string caFile, string certFile, string keyFile, Action fix)
    {
        await using var broker = new Mosquitto(Path.Combine(_dir, "broker"), pki);
        await broker.StartAsync();
        using var central = new TestSubscriber(broker.Port);
        await central.ConnectAsync();
        var options = UplinkBox.OptionsFor(broker.TlsPort);
        options.Tls = new UplinkTlsOptions
        {
            Enabled = true,
            CaFile = caFile,
            ClientCertFile = certFile,
            ClientKeyFile = keyFile,
        };
        Assert.True(new UplinkOptionsValidator().Validate(null, options).Succeeded);
        await using var box = new UplinkBox(options);
        for (var i = 0; i < 20; i++)
        {
            box.Summaries.Add(TempStore.Summary(i));
        }

        await box.StartAsync();
        await box.UntilAsync(() => box.Service.ConnectFailures >= 3, Generous, "three refused connects");

        Assert.Equal(0, box.Service.Connects);
        Assert.Equal(20, box.Outbox.Count);
        Assert.DoesNotContain(central.Messages, m => m.Topic.EndsWith("/calls", StringComparison.Ordinal));

        fix();
        await box.UntilAsync(() => box.Outbox.Count == 0, Generous, "the outbox to drain over TLS");
        await central.WaitForAsync(m => m.Count(x => x.Topic == "edgecc/v1/hq/pi-7/calls") >= 20, Generous, "20 calls");
        Assert.True(box.Service.Connects >= 1);
    }
}
