using System.Text;
using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Store;
using EdgeCc.Agent.Tests.Store;
using EdgeCc.Agent.Uplink;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCc.Agent.Tests.Uplink;

public sealed class RemoteConfigTests : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private readonly TempStore _dir = new();

    public void Dispose() => _dir.Dispose();

    private static IRemoteConfigValidator AnalysisValidator() =>
        new OptionsRemoteConfigValidator<AnalysisOptions>(AnalysisOptions.Section, Array.Empty<IValidateOptions<AnalysisOptions>>());

    private static ReadOnlyMemory<byte> B(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void Bad_configs_are_rejected_with_reasons_and_never_replace_the_good_one()
    {
        var time = new FakeTimeProvider();
        using var db = new EdgeDatabase(_dir.Options, time);
        var holder = new RemoteConfig();
        var handler = new RemoteConfigHandler(holder, new ConfigHistory(db, time), new UplinkOptions(), [AnalysisValidator()]);

        var good = handler.Handle(B("""{"schemaVersion":1,"version":"v1","settings":{"Analysis":{"Workers":2}}}"""));
        Assert.Equal(RemoteConfigOutcome.Accepted, good.Outcome);

        var cases = new (string Payload, string Error)[]
        {
            ("{not json", "payload is not JSON"),
            ("""{"schemaVersion":2,"version":"v2","settings":{}}""", "schemaVersion is 2 but this agent reads 1"),
            ("""{"schemaVersion":1,"settings":{}}""", "version is missing"),
            ("""{"schemaVersion":1,"version":"v3","settings":{"Uplink":{"BrokerHost":"evil"}}}""", "settings:Uplink is not a section a remote config may set"),
            ("""{"schemaVersion":1,"version":"v4","settings":{"Analysis":{"Workers":500}}}""", "Analysis:Workers"),
            ("""{"schemaVersion":1,"version":"v5"}""", "settings is missing"),
        };
        foreach (var (payload, error) in cases)
        {
            var result = handler.Handle(B(payload));
            Assert.Equal(RemoteConfigOutcome.Rejected, result.Outcome);
            Assert.Contains(result.Errors, e => e.Contains(error, StringComparison.Ordinal));
            Assert.Equal("v1", result.ActiveVersion);
            Assert.Equal("v1", holder.Current!.Version);
        }

        var acks = new Outbox(db, time).Peek(100);
        Assert.Equal(1 + cases.Length, acks.Count);
        Assert.All(acks, a => Assert.Equal(OutboxTopics.ConfigAck, a.Topic));
    }

    [Fact]
    public void Accepted_config_reaches_options_through_the_configuration_source_and_rollback_restores_the_previous()
    {
        var time = new FakeTimeProvider();
        using var db = new EdgeDatabase(_dir.Options, time);
        var holder = new RemoteConfig();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Analysis:Workers"] = "1" })
            .Add(holder)
            .Build();
        var reloaded = 0;
        Microsoft.Extensions.Primitives.ChangeToken.OnChange(configuration.GetReloadToken, () => reloaded++);
        var handler = new RemoteConfigHandler(holder, new ConfigHistory(db, time), new UplinkOptions(), [AnalysisValidator()], configuration);

        handler.Handle(B("""{"schemaVersion":1,"version":"v1","settings":{"Analysis":{"Workers":2}}}"""));
        Assert.Equal("2", configuration["Analysis:Workers"]);
        handler.Handle(B("""{"schemaVersion":1,"version":"v2","settings":{"Analysis":{"Workers":3}}}"""));
        Assert.Equal("3", configuration["Analysis:Workers"]);

        var rolled = handler.Rollback();
        Assert.Equal(RemoteConfigOutcome.RolledBack, rolled.Outcome);
        Assert.Equal("v1", rolled.ActiveVersion);
        Assert.Equal("2", configuration["Analysis:Workers"]);
        Assert.Equal(3, reloaded);

        // After a restart the last good configuration is put back in force from the history.
        var fresh = new RemoteConfig();
        new RemoteConfigHandler(fresh, new ConfigHistory(db, time), new UplinkOptions(), []).RestoreActive();
        Assert.Equal("v1", fresh.Current!.Version);
    }

    [Fact]
    public void Retained_config_replayed_on_reconnect_is_not_recorded_twice()
    {
        var time = new FakeTimeProvider();
        using var db = new EdgeDatabase(_dir.Options, time);
        var history = new ConfigHistory(db, time);
        var handler = new RemoteConfigHandler(new RemoteConfig(), history, new UplinkOptions(), []);
        var payload = B("""{"schemaVersion":1,"version":"v1","settings":{"Analysis":{}}}""");

        Assert.Equal(RemoteConfigOutcome.Accepted, handler.Handle(payload).Outcome);
        Assert.Equal(RemoteConfigOutcome.AlreadyHandled, handler.Handle(payload).Outcome);
        Assert.Equal(1, history.Count);
    }

    [Fact]
    public void Replayed_retained_messages_neither_undo_a_rollback_nor_roll_back_twice()
    {
        var time = new FakeTimeProvider();
        using var db = new EdgeDatabase(_dir.Options, time);
        var holder = new RemoteConfig();
        var handler = new RemoteConfigHandler(holder, new ConfigHistory(db, time), new UplinkOptions(), []);
        var v1 = B("""{"schemaVersion":1,"version":"v1","settings":{"Analysis":{}}}""");
        var v2 = B("""{"schemaVersion":1,"version":"v2","settings":{"Analysis":{"Workers":2}}}""");
        var v3 = B("""{"schemaVersion":1,"version":"v3","settings":{"Analysis":{"Workers":3}}}""");
        var undo = B("""{"schemaVersion":1,"version":"undo-1","rollback":true}""");
        handler.Handle(v1);
        handler.Handle(v2);
        handler.Handle(v3);

        Assert.Equal(RemoteConfigOutcome.RolledBack, handler.Handle(undo).Outcome);
        Assert.Equal("v2", holder.Current!.Version);
        Assert.Equal(RemoteConfigOutcome.AlreadyHandled, handler.Handle(undo).Outcome);
        Assert.Equal(RemoteConfigOutcome.AlreadyHandled, handler.Handle(v3).Outcome);
        Assert.Equal("v2", holder.Current!.Version);
        Assert.Equal(RemoteConfigOutcome.Rejected, handler.Handle(B("{junk")).Outcome);
        Assert.Equal(RemoteConfigOutcome.AlreadyHandled, handler.Handle(B("{junk")).Outcome);
    }

    [Fact]
    public async Task Configs_over_mosquitto_are_acknowledged_on_config_ack_bad_ones_rejected_and_rollback_works()
    {
        await using var broker = new Mosquitto(Path.Combine(_dir.Directory, "broker"));
        await broker.StartAsync();
        using var central = new TestSubscriber(broker.Port);
        await central.ConnectAsync();
        await using var box = new UplinkBox(UplinkBox.OptionsFor(broker.Port), AnalysisValidator());
        await box.StartAsync();
        await box.UntilAsync(() => box.Service.IsConnected, Generous, "connect");
        const string configTopic = "edgecc/v1/hq/pi-7/config";

        await central.PublishAsync(configTopic, """{"schemaVersion":1,"version":"good-1","settings":{"Analysis":{"Workers":2}}}""");
        await central.WaitForAsync(m => Acks(m).Count == 1, Generous, "the first ack");
        await central.PublishAsync(configTopic, """{"schemaVersion":1,"version":"bad-2","settings":{"Analysis":{"Workers":999}}}""");
        await central.WaitForAsync(m => Acks(m).Count == 2, Generous, "the second ack");
        await central.PublishAsync(configTopic, """{"schemaVersion":1,"version":"good-3","settings":{"Analysis":{"Workers":4}}}""");
        await central.WaitForAsync(m => Acks(m).Count == 3, Generous, "the third ack");
        await central.PublishAsync(configTopic, """{"schemaVersion":1,"version":"undo-4","rollback":true}""");
        await central.WaitForAsync(m => Acks(m).Count == 4, Generous, "the rollback ack");

        var acks = Acks(central.Messages.ToList());
        Assert.True(acks[0].GetProperty("body").GetProperty("accepted").GetBoolean());
        Assert.Equal("good-1", acks[0].GetProperty("body").GetProperty("activeVersion").GetString());

        var rejected = acks[1].GetProperty("body");
        Assert.False(rejected.GetProperty("accepted").GetBoolean());
        Assert.Equal("bad-2", rejected.GetProperty("version").GetString());
        Assert.Equal("good-1", rejected.GetProperty("activeVersion").GetString());
        Assert.Contains("Analysis:Workers", rejected.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("configAck", acks[1].GetProperty("type").GetString());

        Assert.Equal("good-3", acks[2].GetProperty("body").GetProperty("activeVersion").GetString());
        Assert.Equal("good-1", acks[3].GetProperty("body").GetProperty("activeVersion").GetString());
        Assert.Equal("good-1", box.Holder.Current!.Version);
    }

    private static List<System.Text.Json.JsonElement> Acks(IReadOnlyList<TestSubscriber.Received> messages) =>
        messages.Where(m => m.Topic == "edgecc/v1/hq/pi-7/config/ack").Select(m => m.Json).ToList();
}
