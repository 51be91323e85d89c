using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Hosting;
using EdgeCc.Agent.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCc.Agent.Tests.Store;

public sealed class StoreServiceTests : IDisposable
{
    private readonly TempStore _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Store_service_stores_every_summary_from_the_channel_and_completes_with_it()
    {
        var time = new FakeTimeProvider();
        using var db = new EdgeDatabase(_dir.Options, time);
        var store = new SummaryStore(db, time);
        var channel = new StageChannel<CallSummary>("summaries", 4, OverflowPolicy.Wait);
        using var service = new StoreService(channel, store, time, NullLogger<StoreService>.Instance);
        await service.StartAsync(CancellationToken.None);

        for (var i = 0; i < 50; i++)
        {
            await channel.WriteAsync(TempStore.Summary(i));
        }

        channel.Complete();
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(50, store.Count);
        Assert.Equal(0, channel.Dropped);
        Assert.Equal("call-49@pbx.example", store.List(1)[0].CallId);
    }

    [Fact]
    public async Task Stopping_right_after_start_still_stores_every_summary_accepted_before_the_channel_completed()
    {
        var time = new FakeTimeProvider();
        using var db = new EdgeDatabase(_dir.Options, time);
        var store = new SummaryStore(db, time);
        var channel = new StageChannel<CallSummary>("summaries", 500, OverflowPolicy.Wait);
        for (var i = 0; i < 300; i++)
        {
            await channel.WriteAsync(TempStore.Summary(i));
        }

        channel.Complete();
        using var service = new StoreService(channel, store, time, NullLogger<StoreService>.Instance);

        // As the host stops it: analysis has completed the channel, and the store is told to stop at once.
        await service.StartAsync(CancellationToken.None);
        await service.StopAsync(CancellationToken.None);

        Assert.True(service.Completion.IsCompletedSuccessfully);
        Assert.Equal(300, store.Count);
        Assert.Equal(300, service.Stored);
    }

    [Fact]
    public async Task The_hosts_shutdown_timeout_ends_the_wait_for_a_channel_that_never_completes()
    {
        var time = new FakeTimeProvider();
        using var db = new EdgeDatabase(_dir.Options, time);
        var channel = new StageChannel<CallSummary>("summaries", 4, OverflowPolicy.Wait);
        using var service = new StoreService(channel, new SummaryStore(db, time), time, NullLogger<StoreService>.Instance);
        await service.StartAsync(CancellationToken.None);
        using var timeout = new CancellationTokenSource();
        timeout.Cancel();

        await service.StopAsync(timeout.Token);

        Assert.False(service.Completion.IsCompleted);
        channel.Complete();
        await service.Completion.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Add_store_registers_a_resolvable_store_and_rejects_bad_options_naming_the_key()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:DataDirectory"] = _dir.Options.DataDirectory,
            ["Store:MetricsMaxAge"] = "-1.00:00:00",
        }).Build();
        using var sp = new ServiceCollection().AddLogging().AddStore(config).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<StoreOptions>>().Value);
        Assert.Contains("Store:MetricsMaxAge", error.Message, StringComparison.Ordinal);

        var good = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:DataDirectory"] = _dir.Options.DataDirectory,
        }).Build();
        using var sp2 = new ServiceCollection().AddLogging().AddStore(good).BuildServiceProvider();
        sp2.GetRequiredService<SummaryStore>().Add(TempStore.Summary(1));
        Assert.Equal(1, sp2.GetRequiredService<Outbox>().Count);
    }
}
