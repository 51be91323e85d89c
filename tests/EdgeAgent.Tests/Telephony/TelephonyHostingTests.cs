using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Capture;
using EdgeCc.Agent.Telephony;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCc.Agent.Tests.Telephony;

public sealed class TelephonyHostingTests
{
    [Fact]
    public void Add_telephony_binds_both_sections_and_validation_names_the_key()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Capture:Interface"] = "eth1",
            ["Capture:RtpPortMin"] = "30000",
            ["Capture:RtpPortMax"] = "20000",
            ["Telephony:Agents:0:AgentId"] = "alice",
            ["Telephony:Agents:0:Extensions:0"] = "2001",
            ["Telephony:Agents:1:AgentId"] = "bob",
            ["Telephony:Agents:1:Addresses:0"] = "10.0.0.300/24",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<ICallInputSink>(new CollectingSink());
        services.AddTelephony(configuration);
        using var provider = services.BuildServiceProvider();

        var capture = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<CaptureOptions>>().Value);
        Assert.Contains("Capture:RtpPortMin", capture.Message, StringComparison.Ordinal);
        var telephony = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TelephonyOptions>>().Value);
        Assert.Contains("Telephony:Agents:1:Addresses:0", telephony.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_configuration_resolves_the_replay_source_and_the_capture_service()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telephony:MediaTimeout"] = "00:00:20",
            ["Telephony:Agents:0:AgentId"] = "alice",
            ["Telephony:Agents:0:SipUris:0"] = "sip:alice@pbx.example",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<ICallInputSink>(new CollectingSink());
        services.AddTelephony(configuration);
        using var provider = services.BuildServiceProvider();

        Assert.Equal(TimeSpan.FromSeconds(20), provider.GetRequiredService<IOptions<TelephonyOptions>>().Value.MediaTimeout);
        Assert.NotNull(provider.GetRequiredService<PcapCallSource>());
        Assert.NotNull(provider.GetRequiredService<SipCaptureService>());
    }

    [Theory]
    [InlineData("", "Telephony:Agents:0:AgentId is empty")]
    [InlineData("dup-ext", "Telephony:Agents:1:Extensions:0 '2001' is also an extension of agent 'a'")]
    [InlineData("bad-uri", "Telephony:Agents:0:SipUris:0")]
    public void Telephony_validator_messages_name_the_key(string kind, string expected)
    {
        var options = new TelephonyOptions();
        switch (kind)
        {
            case "":
                options.Agents.Add(new AgentMapping { AgentId = " ", Extensions = ["1"] });
                break;
            case "dup-ext":
                options.Agents.Add(new AgentMapping { AgentId = "a", Extensions = ["2001"] });
                options.Agents.Add(new AgentMapping { AgentId = "b", Extensions = ["2001"] });
                break;
            default:
                options.Agents.Add(new AgentMapping { AgentId = "a", SipUris = ["alice"] });
                break;
        }

        var result = new TelephonyOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Realtime_replay_is_paced_by_capture_timestamps_on_the_time_provider()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var source = new PcapCallSource(Options.Create(new TelephonyOptions()), Options.Create(new CaptureOptions()), time);
        var sink = new CollectingSink();

        var run = source.RunAsync(TestPaths.Shared("pcap/sipp/g711a.pcap"), sink, realtime: true, CancellationToken.None);
        var advanced = TimeSpan.Zero;
        while (!run.IsCompleted && advanced < TimeSpan.FromSeconds(60))
        {
            time.Advance(TimeSpan.FromMilliseconds(10));
            advanced += TimeSpan.FromMilliseconds(10);
            await Task.Yield();
        }

        await run;

        // The capture spans 7.05 s: the replay cannot finish before the fake clock has moved that far.
        Assert.InRange(advanced, TimeSpan.FromSeconds(7.0), TimeSpan.FromSeconds(60));
        Assert.Equal(236, source.Reports.Single().Packets);
    }

    [Fact]
    public async Task Capture_service_feeds_the_sink_from_a_packet_source_and_ends_open_calls_when_it_stops()
    {
        var sink = new CollectingSink();
        var capture = new CaptureOptions { Interface = "test0" };
        using var service = new SipCaptureService(
            Options.Create(capture),
            Options.Create(new TelephonyOptions()),
            sink,
            new FakeTimeProvider(),
            NullLogger<SipCaptureService>.Instance,
            _ => new PcapFileSource(TestPaths.Shared("pcap/heplify/sip_ipv4_tcp.pcap")));

        await service.StartAsync(CancellationToken.None);
        await service.ExecuteTask!;
        await service.StopAsync(CancellationToken.None);

        Assert.Single(sink.Events<CallStarted>());
        Assert.Equal("bye", Assert.Single(sink.Events<CallEnded>()).Reason);
        Assert.Equal(84, service.DecodeCounters![DecodeResult.Ok]);
    }

    [Fact]
    public async Task Capture_service_without_an_interface_does_nothing()
    {
        using var service = new SipCaptureService(Options.Create(new CaptureOptions()), Options.Create(new TelephonyOptions()), new CollectingSink(), TimeProvider.System, NullLogger<SipCaptureService>.Instance);

        await service.StartAsync(CancellationToken.None);
        await service.ExecuteTask!;

        Assert.True(service.ExecuteTask!.IsCompletedSuccessfully);
        Assert.Null(service.Statistics);
    }
}
