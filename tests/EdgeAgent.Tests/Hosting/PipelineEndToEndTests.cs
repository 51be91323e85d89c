using System.Text.Json;
using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Audio;
using EdgeCc.Agent.Floor;
using EdgeCc.Agent.Hosting;
using EdgeCc.Agent.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeCc.Agent.Tests.Hosting;

/// <summary>
/// The demo's sample calls through the real host: real WAV files, real PocketSphinx, real
/// LiteDB. Every phrase the sample script put in a call must be detected on the right leg near
/// the right time, nothing else may be, and every summary must be in the store.
/// </summary>
public sealed class PipelineEndToEndTests : IDisposable
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(0.6);
    private readonly string _data = Path.Combine(Path.GetTempPath(), "edgecc-e2e-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Sample_calls_yield_their_phrases_summaries_in_the_store_and_red_for_the_escalation()
    {
        TestPaths.RequireFile("/usr/share/pocketsphinx/model/en-us/en-us", "pocketsphinx-en-us");
        var manifest = TestPaths.Repo("samples/calls.json");
        var calls = DemoCommand.LoadManifest(manifest);
        var expected = ExpectedPhrases(manifest);

        using var host = Program.BuildHost(new HostSettings
        {
            Overrides = new Dictionary<string, string?> { ["Store:DataDirectory"] = _data },
            MinimumLogLevel = LogLevel.Warning,
        });
        var reds = new List<FloorChange>();
        host.Services.GetRequiredService<FloorState>().Changed += change =>
        {
            if (change.Agent.Light == LightColour.Red)
            {
                lock (reds)
                {
                    reds.Add(change);
                }
            }
        };

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var summaries = await RecordedRun.PlayAsync(host, calls, speed: 0, timeout.Token);

        Assert.Equal(calls.Count, summaries.Count);
        foreach (var call in calls)
        {
            var summary = Assert.Single(summaries, s => s.CallId == call.CallId);
            Assert.Equal(call.AgentId, summary.AgentId);
            Assert.Equal("end-of-file", summary.EndReason);
            var want = expected[call.CallId];
            foreach (var (text, leg, start) in want)
            {
                Assert.Contains(summary.Detections, d => d.Phrase == text && d.Leg == leg && (d.Start - start).Duration() <= Tolerance);
            }

            foreach (var detection in summary.Detections)
            {
                Assert.Contains(want, w => w.Text == detection.Phrase && w.Leg == detection.Leg);
            }

            Assert.InRange(summary.Sentiment, -1, 1);
            Assert.NotNull(summary.Talk);
            Assert.True(summary.Talk.AgentTalk > TimeSpan.Zero, "the agent spoke");
            Assert.All(summary.Legs, leg => Assert.True(leg.SpeechDuration < leg.AudioDuration, "voice activity found pauses"));
            Assert.All(summary.Legs, leg => Assert.True(leg.SpeechToNoiseDb >= new AnalysisOptions().NoisyBelowSnrDb, $"{leg.Leg}: {leg.SpeechToNoiseDb} dB, the samples are studio-clean"));

            // Topics count the detections by category; the timeline follows the reasons in time order.
            Assert.Equal(
                summary.Detections.GroupBy(d => d.Category).ToDictionary(g => g.Key, g => g.Count()),
                summary.Topics.ToDictionary(t => t.Category, t => t.Count));
            Assert.Equal(summary.SentimentReasons.Count, summary.SentimentTimeline.Count);
            Assert.Equal(summary.SentimentTimeline.OrderBy(p => p.At).Select(p => p.At), summary.SentimentTimeline.Select(p => p.At));
            Assert.Empty(summary.Streams);
            Assert.Null(summary.CustomerKey);
        }

        // Angry customer: clearly negative, with the phrases among the reasons; courtesy call: positive.
        var escalation = summaries.Single(s => s.AgentId == "1001");
        Assert.True(escalation.Sentiment < -0.5, $"escalation call sentiment {escalation.Sentiment}");
        Assert.Contains(escalation.SentimentReasons, r => r.Source == "speak to a manager");
        Assert.True(summaries.Single(s => s.AgentId == "1003").Sentiment > 0.2);

        Assert.Contains(reds, r => r.Agent.AgentId == "1001" && r.Agent.Reason.Contains("speak to a manager", StringComparison.Ordinal));
        Assert.DoesNotContain(reds, r => r.Agent.AgentId != "1001");

        // The summaries outlive the host: reopen the LiteDB file.
        using var db = new EdgeDatabase(new StoreOptions { DataDirectory = _data });
        var stored = new SummaryStore(db, TimeProvider.System).List(10);
        Assert.Equal(calls.Count, stored.Count);
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private static Dictionary<string, List<(string Text, Leg Leg, TimeSpan Start)>> ExpectedPhrases(string manifest)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(manifest));
        var result = new Dictionary<string, List<(string, Leg, TimeSpan)>>();
        foreach (var call in json.RootElement.EnumerateArray())
        {
            var list = new List<(string, Leg, TimeSpan)>();
            foreach (var phrase in call.GetProperty("Phrases").EnumerateArray())
            {
                list.Add((
                    phrase.GetProperty("Text").GetString()!,
                    Enum.Parse<Leg>(phrase.GetProperty("Leg").GetString()!),
                    TimeSpan.FromSeconds(phrase.GetProperty("Start").GetDouble())));
            }

            result[call.GetProperty("CallId").GetString()!] = list;
        }

        return result;
    }
}
