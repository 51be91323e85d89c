using System.Text;
using System.Text.Json;
using EdgeCc.Agent.Audio;
using EdgeCc.Agent.Hosting;
using EdgeCc.Agent.Store;
using EdgeCc.Agent.Telephony;
using EdgeCc.Agent.Uplink;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeCc.Agent.Tests.Hosting;

/// <summary>
/// A real capture through the real host: the summary of a SIP call carries the customer's key
/// (never the number) and the quality of its RTP streams, in the store and in the queued payload.
/// </summary>
public sealed class CapturedCallSummaryTests : IDisposable
{
    private const string Secret = "an organisation secret that is long enough";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "edgecc-captured-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Sip_call_summary_has_the_customer_key_and_stream_quality_but_never_the_number()
    {
        TestPaths.RequireFile("/usr/share/pocketsphinx/model/en-us/en-us", "pocketsphinx-en-us");
        using var host = Program.BuildHost(new HostSettings
        {
            Overrides = new Dictionary<string, string?>
            {
                ["Store:DataDirectory"] = _data,
                ["Privacy:CallerKeySecret"] = Secret,

                // Extension 1111 places the call: the customer is the dialled 2222.
                ["Telephony:Agents:0:AgentId"] = "a-1111",
                ["Telephony:Agents:0:Extensions:0"] = "1111",
            },
            MinimumLogLevel = LogLevel.Warning,
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var summaries = await RecordedRun.PlayAsync(
            host,
            async (services, sink, ct) =>
            {
                var pcap = services.GetRequiredService<PcapCallSource>();
                await pcap.RunAsync(TestPaths.Shared("pcap/voipshark/SIP-RTP-Normal_Call_two_parties.pcap"), sink, realtime: false, ct);
                return (int)pcap.LastRun!.Calls;
            },
            timeout.Token);

        var expectedKey = new CallerKey(Encoding.UTF8.GetBytes(Secret)).For("2222");
        var withAudio = summaries.Where(s => s.Streams.Count > 0).ToList();
        Assert.NotEmpty(withAudio);
        foreach (var summary in withAudio)
        {
            Assert.Equal("a-1111", summary.AgentId);
            Assert.Equal(expectedKey, summary.CustomerKey);
            Assert.All(summary.Streams, s =>
            {
                Assert.Equal("PCMU", s.Codec);
                Assert.True(s.Packets > 1000, $"{s.Packets} packets");
                Assert.InRange(s.Mos, 3.5, 4.5);
            });
            Assert.Contains(summary.Streams, s => s.Leg == Leg.Agent);
            Assert.Contains(summary.Streams, s => s.Leg == Leg.Customer);
        }

        // What leaves the box: the queued payloads carry the key and never the number.
        var outbox = host.Services.GetRequiredService<Outbox>();
        var payloads = outbox.Peek(100).Where(r => r.Topic == OutboxTopics.Calls).Select(r => Encoding.UTF8.GetString(r.Payload.Span)).ToList();
        Assert.Equal(summaries.Count, payloads.Count);
        foreach (var payload in payloads)
        {
            Assert.DoesNotContain("2222", payload, StringComparison.Ordinal);
            using var json = JsonDocument.Parse(payload);
            var body = json.RootElement;
            if (body.GetProperty("streams").GetArrayLength() > 0)
            {
                Assert.Equal(expectedKey, body.GetProperty("customerKey").GetString());
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
