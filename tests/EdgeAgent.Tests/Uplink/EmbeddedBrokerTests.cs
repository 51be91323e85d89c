using EdgeCc.Agent.Tests.Store;
using EdgeCc.Agent.Uplink;

namespace EdgeCc.Agent.Tests.Uplink;

public sealed class EmbeddedBrokerTests
{
    [Fact]
    public async Task Embedded_broker_on_a_free_loopback_port_carries_the_uplink_for_the_demo()
    {
        await using var broker = new EmbeddedBroker(port: 0);
        await broker.StartAsync();
        Assert.True(broker.IsStarted);
        Assert.NotEqual(0, broker.Port);

        using var central = new TestSubscriber(broker.Port);
        await central.ConnectAsync();
        await using var box = new UplinkBox(UplinkBox.OptionsFor(broker.Port));
        for (var i = 0; i < 10; i++)
        {
            box.Summaries.Add(TempStore.Summary(i));
        }

        await box.StartAsync();
        await central.WaitForAsync(m => m.Count(x => x.Topic == "edgecc/v1/hq/pi-7/calls") >= 10, TimeSpan.FromSeconds(60), "10 calls");
        await box.UntilAsync(() => box.Outbox.Count == 0, TimeSpan.FromSeconds(60), "an empty outbox");

        var retained = await broker.Server.GetRetainedMessageAsync("edgecc/v1/hq/pi-7/status");
        Assert.NotNull(retained);
        await broker.StopAsync();
        Assert.False(broker.IsStarted);
    }
}
