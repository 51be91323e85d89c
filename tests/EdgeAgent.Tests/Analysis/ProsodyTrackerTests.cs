using EdgeCc.Agent.Analysis;
using Xunit.Abstractions;
using static EdgeCc.Agent.Tests.Analysis.SignalTestAudio;

namespace EdgeCc.Agent.Tests.Analysis;

public sealed class ProsodyTrackerTests(ITestOutputHelper output)
{
    // One speaker (CMU ARCTIC aew), about 11 s: the calm baseline, then the probe is played.
    private static readonly Lazy<short[]> Speaker = new(() => Concat(
        ReadWav("speech/cmu_arctic/cmu_arctic_us_aew_a0001.wav"),
        ReadWav("speech/cmu_arctic/cmu_arctic_us_aew_a0002.wav"),
        ReadWav("speech/cmu_arctic/cmu_arctic_us_aew_a0003.wav")));

    [Fact]
    public void Arousal_is_zero_until_the_baseline_is_complete_and_low_when_the_same_voice_goes_on()
    {
        var (tracker, during) = Run(Speaker.Value, Speaker.Value);
        var snapshot = tracker.Snapshot();

        output.WriteLine($"same speech again: mean arousal {during:F3}; {snapshot}");
        Assert.True(snapshot.HasBaseline);
        Assert.InRange(snapshot.BaselinePitchHz, 85, 140);
        Assert.InRange(snapshot.BaselineSyllablesPerSecond, 2.5, 8);
        Assert.InRange(snapshot.BaselineLoudnessDbfs, -40, -10);
        Assert.True(during < 0.25, $"mean arousal {during:F3} replaying the baseline voice");

        var fresh = new ProsodyTracker();
        Feed(fresh, Speaker.Value[..(Rate * 3)]);
        Assert.False(fresh.HasBaseline);
        Assert.Equal(0, fresh.Arousal);
    }

    [Fact]
    public void The_same_speech_louder_gives_higher_arousal()
    {
        AssertAgitated(Gain(Speaker.Value, 9), "9 dB louder");
    }

    [Fact]
    public void The_same_speech_pitched_up_by_sox_gives_higher_arousal()
    {
        AssertAgitated(SoxTransform(Speaker.Value, "pitch 500"), "5 semitones higher");
    }

    [Fact]
    public void The_same_speech_played_faster_by_sox_gives_higher_arousal()
    {
        var (_, calm) = Run(Speaker.Value, Speaker.Value);
        var faster = SoxTransform(Speaker.Value, "tempo -s 1.4");
        var (tracker, agitated) = Run(Speaker.Value, faster);

        output.WriteLine($"calm {calm:F3}, 40 % faster {agitated:F3}; {tracker.Snapshot()}");
        Assert.True(tracker.Snapshot().SyllablesPerSecond > tracker.Snapshot().BaselineSyllablesPerSecond * 1.15);
        Assert.True(agitated > calm + 0.08, $"faster {agitated:F3} vs calm {calm:F3}");
    }

    [Fact]
    public void Louder_higher_and_faster_together_is_the_most_agitated()
    {
        var all = Gain(SoxTransform(Speaker.Value, "pitch 500 tempo -s 1.4"), 9);
        var (_, agitated) = Run(Speaker.Value, all);
        var (_, louder) = Run(Speaker.Value, Gain(Speaker.Value, 9));

        output.WriteLine($"all three {agitated:F3}, louder only {louder:F3}");
        Assert.True(agitated > louder);
        Assert.True(agitated > 0.55, $"all three {agitated:F3}");
    }

    [Fact]
    public void Blocks_marked_as_non_speech_change_nothing()
    {
        var tracker = new ProsodyTracker();
        Feed(tracker, Speaker.Value);
        var before = tracker.Snapshot();

        var noise = Gain(ToPcm(PinkNoise(Rate * 3, seed: 3), -20), 0);
        for (var i = 0; i + 320 <= noise.Length; i += 320)
        {
            tracker.Process(noise.AsSpan(i, 320), isSpeech: false);
        }

        Assert.Equal(before, tracker.Snapshot());
    }

    private void AssertAgitated(short[] probe, string what)
    {
        var (_, calm) = Run(Speaker.Value, Speaker.Value);
        var (tracker, agitated) = Run(Speaker.Value, probe);

        output.WriteLine($"calm {calm:F3}, {what} {agitated:F3}; {tracker.Snapshot()}");
        Assert.True(agitated > calm + 0.15, $"{what}: {agitated:F3} vs calm {calm:F3}");
    }

    /// <summary>Feeds the baseline speech, then the probe; returns the mean arousal over the probe's speech after its first second.</summary>
    private static (ProsodyTracker Tracker, double MeanArousal) Run(short[] baseline, short[] probe)
    {
        var tracker = new ProsodyTracker();
        Feed(tracker, baseline);
        var vad = new VoiceActivityDetector();
        double sum = 0;
        var n = 0;
        for (var i = 0; i + 320 <= probe.Length; i += 320)
        {
            var frame = probe.AsSpan(i, 320);
            var speech = vad.Process(frame);
            tracker.Process(frame, speech);
            if (speech && i > Rate)
            {
                sum += tracker.Arousal;
                n++;
            }
        }

        return (tracker, sum / Math.Max(1, n));
    }

    private static void Feed(ProsodyTracker tracker, short[] pcm)
    {
        var vad = new VoiceActivityDetector();
        for (var i = 0; i + 320 <= pcm.Length; i += 320)
        {
            var frame = pcm.AsSpan(i, 320);
            tracker.Process(frame, vad.Process(frame));
        }
    }
}
