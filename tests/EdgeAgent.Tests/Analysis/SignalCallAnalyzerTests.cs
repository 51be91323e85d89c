using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Audio;
using Xunit.Abstractions;
using static EdgeCc.Agent.Tests.Analysis.SignalTestAudio;

namespace EdgeCc.Agent.Tests.Analysis;

public sealed class SignalCallAnalyzerTests(ITestOutputHelper output)
{
    private const int Frame = 320;

    [Fact]
    public void A_call_whose_customer_gets_agitated_and_angry_ends_negative_with_its_reasons()
    {
        // Customer: 2 s of line noise, 16 s of calm speech (their baseline), then the same voice
        // 5 semitones higher and 9 dB louder. Agent: one calm sentence at the start.
        var calm = Concat(
            ReadWav("speech/cmu_arctic/cmu_arctic_us_axb_a0004.wav"),
            ReadWav("speech/cmu_arctic/cmu_arctic_us_axb_a0005.wav"),
            ReadWav("speech/cmu_arctic/cmu_arctic_us_axb_a0006.wav"));
        var agitated = Gain(SoxTransform(Concat(calm, calm), "pitch 500"), 9);
        var customerSpeech = Concat(new short[Rate * 2], calm, calm, new short[Rate], agitated);
        var agitatedAt = TimeSpan.FromSeconds((double)(customerSpeech.Length - agitated.Length) / Rate);
        var total = customerSpeech.Length + (Rate * 2);
        var customerLeg = Mix(ToPcm(PinkNoise(total, seed: 4), -55), customerSpeech);
        var agentLeg = Mix(ToPcm(WhiteNoise(total, seed: 5), -60), Concat(new short[Rate / 2], ReadWav("speech/cmu_arctic/cmu_arctic_us_aew_a0001.wav")));

        var analyzer = new SignalCallAnalyzer();
        var gatedNoise = 0;
        for (var i = 0; i + Frame <= total; i += Frame)
        {
            var at = TimeSpan.FromSeconds((double)i / Rate);
            var passed = analyzer.Process(new AudioFrame("call-1", Leg.Customer, at, customerLeg.AsMemory(i, Frame), Rate));
            analyzer.Process(new AudioFrame("call-1", Leg.Agent, at, agentLeg.AsMemory(i, Frame), Rate));
            if (passed && at < TimeSpan.FromSeconds(1.9))
            {
                gatedNoise++;
            }
        }

        var end = TimeSpan.FromSeconds((double)total / Rate);
        analyzer.OnDetection(new Detection("call-1", Leg.Customer, "this is ridiculous", "anger", 0, agitatedAt + TimeSpan.FromSeconds(3), agitatedAt + TimeSpan.FromSeconds(4), 0.9));
        analyzer.OnHeld(end);
        analyzer.OnResumed(end + TimeSpan.FromSeconds(40));
        Assert.False(analyzer.Process(new AudioFrame("call-1", Leg.Agent, end, new short[160], 8000)));
        var result = analyzer.Finish(end + TimeSpan.FromSeconds(42));

        foreach (var reason in result.Sentiment.Call.Reasons)
        {
            output.WriteLine($"{reason.At.TotalSeconds,6:F1} s {reason.Contribution,6:F2} {reason.Explanation}");
        }

        output.WriteLine($"customer peak arousal {result.CustomerPeakArousal:F2}, final {result.Sentiment.Call.Final:F2}; {result.Talk}");
        Assert.Equal(0, gatedNoise);
        Assert.Equal(1, result.RejectedFrames);
        Assert.True(result.CustomerProsody.HasBaseline);
        Assert.False(result.AgentProsody.HasBaseline);
        Assert.True(result.CustomerPeakArousal > 0.4, $"peak arousal {result.CustomerPeakArousal:F2}");
        Assert.Equal(TimeSpan.FromSeconds(40), result.Talk.Hold);
        Assert.InRange(result.Talk.CustomerTalk.TotalSeconds, 20, 40);
        Assert.InRange(result.Talk.AgentTalk.TotalSeconds, 2.5, 4.5);
        var customerKinds = result.Sentiment.Customer.Reasons.Select(r => r.Kind).ToList();
        Assert.Contains(SentimentReasonKind.Arousal, customerKinds);
        Assert.Contains(SentimentReasonKind.Phrase, customerKinds);
        var arousalReason = result.Sentiment.Customer.Reasons.First(r => r.Kind == SentimentReasonKind.Arousal);
        Assert.True(arousalReason.At >= agitatedAt, $"agitation flagged at {arousalReason.At} before the agitated part at {agitatedAt}");
        Assert.Contains(result.Sentiment.Call.Reasons, r => r.Kind == SentimentReasonKind.Hold);
        Assert.True(result.Sentiment.Call.Final < -0.7, $"final {result.Sentiment.Call.Final:F2}");
        Assert.Throws<InvalidOperationException>(() => analyzer.Finish(end));
    }
}
