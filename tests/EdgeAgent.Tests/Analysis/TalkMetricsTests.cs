using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Audio;
using static EdgeCc.Agent.Tests.Analysis.SignalTestAudio;

namespace EdgeCc.Agent.Tests.Analysis;

public sealed class TalkMetricsTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void A_scripted_call_gives_talk_time_talk_over_interruption_dead_air_and_monologue()
    {
        var metrics = new TalkMetrics();
        metrics.AddSegment(Leg.Agent, S(0), S(10));
        metrics.AddSegment(Leg.Customer, S(12), S(20));
        metrics.AddSegment(Leg.Agent, S(19.4), S(25));   // cuts in 0.6 s before the customer is done
        metrics.AddSegment(Leg.Customer, S(35), S(36));  // after 10 s of dead air

        var summary = metrics.Summarize(S(40));

        Assert.Equal(S(15.6), summary.AgentTalk);
        Assert.Equal(S(9), summary.CustomerTalk);
        Assert.Equal(S(0.6), summary.TalkOver);
        Assert.Equal(1, summary.TalkOverCount);
        Assert.Equal(S(2 + 10 + 4), summary.Silence);
        var deadAir = Assert.Single(summary.DeadAir);
        Assert.Equal(new TalkMetricsStretch(null, S(25), S(10)), deadAir);
        var interruption = Assert.Single(summary.Interruptions);
        Assert.Equal(new TalkMetricsInterruption(Leg.Agent, S(19.4), S(0.6)), interruption);
        Assert.Equal(1, summary.AgentInterruptions);
        Assert.Equal(0, summary.CustomerInterruptions);
        Assert.Equal(15.6 / 24.6, summary.AgentTalkRatio!.Value, 6);
        Assert.Equal(new TalkMetricsStretch(Leg.Agent, S(0), S(10)), summary.LongestMonologue);
    }

    [Fact]
    public void Hold_time_is_neither_silence_nor_dead_air()
    {
        var metrics = new TalkMetrics();
        metrics.AddSegment(Leg.Agent, S(0), S(3));
        metrics.HoldStarted(S(4));
        metrics.HoldEnded(S(64));
        metrics.AddSegment(Leg.Customer, S(65), S(70));

        var summary = metrics.Summarize(S(70));

        Assert.Equal(S(60), summary.Hold);
        Assert.Equal(S(2), summary.Silence);
        Assert.Empty(summary.DeadAir);
    }

    [Fact]
    public void A_hold_still_open_counts_up_to_the_summary_time()
    {
        var metrics = new TalkMetrics();
        metrics.HoldStarted(S(10));

        var summary = metrics.Summarize(S(30));

        Assert.Equal(S(20), summary.Hold);
        Assert.Equal(new TalkMetricsStretch(null, S(0), S(10)), Assert.Single(summary.DeadAir));
    }

    [Fact]
    public void Backchannels_neither_interrupt_nor_end_a_monologue()
    {
        var metrics = new TalkMetrics();
        metrics.AddSegment(Leg.Agent, S(0), S(8));
        metrics.AddSegment(Leg.Customer, S(4), S(4.3));   // "mhm" while the agent speaks
        metrics.AddSegment(Leg.Agent, S(9.5), S(20));     // a 1.5 s pause: same monologue
        metrics.AddSegment(Leg.Customer, S(21), S(22));

        var summary = metrics.Summarize(S(22));

        Assert.Empty(summary.Interruptions);
        Assert.Equal(S(0.3), summary.TalkOver);
        Assert.Equal(new TalkMetricsStretch(Leg.Agent, S(0), S(20)), summary.LongestMonologue);
    }

    [Fact]
    public void A_long_answer_from_the_other_party_ends_a_monologue_where_it_starts()
    {
        var metrics = new TalkMetrics();
        metrics.AddSegment(Leg.Customer, S(0), S(6));
        metrics.AddSegment(Leg.Agent, S(5), S(9));        // talks over and takes the floor
        metrics.AddSegment(Leg.Customer, S(9.5), S(12));

        var summary = metrics.Summarize(S(12));

        Assert.Equal(new TalkMetricsStretch(Leg.Customer, S(0), S(5)), summary.LongestMonologue);
        Assert.Equal(Leg.Agent, Assert.Single(summary.Interruptions).By);
    }

    [Fact]
    public void Per_frame_decisions_make_the_same_segments_as_finished_ones()
    {
        var framed = new TalkMetrics();
        var frame = TimeSpan.FromMilliseconds(20);
        for (var t = TimeSpan.Zero; t < S(10); t += frame)
        {
            framed.Observe(Leg.Agent, t, frame, t >= S(1) && t < S(4));
            framed.Observe(Leg.Customer, t, frame, t >= S(3.5) && t < S(6));
        }

        var segments = new TalkMetrics();
        segments.AddSegment(Leg.Agent, S(1), S(4));
        segments.AddSegment(Leg.Customer, S(3.5), S(6));

        Assert.Equivalent(segments.Summarize(S(10)), framed.Summarize(S(10)));
    }

    [Fact]
    public void Nobody_speaking_gives_no_ratio_and_all_dead_air()
    {
        var summary = new TalkMetrics().Summarize(S(30));

        Assert.Null(summary.AgentTalkRatio);
        Assert.Null(summary.LongestMonologue);
        Assert.Equal(S(30), summary.DeadAirTotal);
    }

    [Fact]
    public void Real_speech_on_two_legs_through_the_vad_shows_the_customer_cutting_in()
    {
        // Agent: a 7 s LibriVox sentence. Customer: starts 1.5 s before the agent's sentence ends,
        // after 1 s of silence, then 8 s of nothing on either leg.
        var agentSpeech = ReadWav("speech/pocketsphinx/librivox/sense_and_sensibility_01_austen_64kb-0870.wav");
        var customerSpeech = ReadWav("speech/cmu_arctic/cmu_arctic_us_axb_a0006.wav");
        var total = Rate * 20;
        var agentLeg = Mix(ToPcm(WhiteNoise(total, seed: 1), -60), Concat(new short[Rate], agentSpeech));
        var customerStart = Rate + agentSpeech.Length - (Rate * 3 / 2);
        var customerLeg = Mix(ToPcm(PinkNoise(total, seed: 2), -55), Concat(new short[customerStart], customerSpeech));

        var metrics = new TalkMetrics();
        var frame = TimeSpan.FromMilliseconds(20);
        var agentVad = new VoiceActivityDetector();
        var customerVad = new VoiceActivityDetector();
        for (var i = 0; i + 320 <= total; i += 320)
        {
            var at = TimeSpan.FromSeconds((double)i / Rate);
            metrics.Observe(Leg.Agent, at, frame, agentVad.Process(agentLeg.AsSpan(i, 320)));
            metrics.Observe(Leg.Customer, at, frame, customerVad.Process(customerLeg.AsSpan(i, 320)));
        }

        var summary = metrics.Summarize(S(20));

        var cut = Assert.Single(summary.Interruptions, x => x.By == Leg.Customer);
        Assert.InRange(cut.At.TotalSeconds, (double)customerStart / Rate - 0.1, ((double)customerStart / Rate) + 0.6);
        Assert.InRange(summary.AgentTalk.TotalSeconds, 6, 7.8);
        Assert.InRange(summary.CustomerTalk.TotalSeconds, 2.8, 4.0);
        Assert.True(summary.DeadAir.Count >= 1 && summary.DeadAir[^1].Duration > S(5));
        Assert.Equal(Leg.Agent, summary.LongestMonologue!.Leg);
    }
}
