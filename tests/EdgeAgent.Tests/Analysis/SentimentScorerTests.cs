using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Audio;

namespace EdgeCc.Agent.Tests.Analysis;

public sealed class SentimentScorerTests
{
    private const int Precision = 9;

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    private static Detection Phrase(Leg leg, string text, string category, double weight, double at) =>
        new("call-1", leg, text, category, weight, S(at), S(at + 0.8), 0.9);

    [Fact]
    public void A_call_with_nothing_said_is_neutral_with_no_reasons()
    {
        var result = new SentimentScorer().Result();

        Assert.Equal(0, result.Call.Final);
        Assert.Empty(result.Call.Reasons);
        Assert.Empty(result.Agent.Points);
        Assert.Equal(0, new SentimentScorer().Live(null, S(10)));
    }

    [Fact]
    public void An_angry_phrase_makes_the_customer_and_the_call_negative_and_names_the_phrase()
    {
        var scorer = new SentimentScorer();

        var reason = scorer.AddDetection(Phrase(Leg.Customer, "this is ridiculous", "anger", -0.2, 12));
        var result = scorer.Result();

        Assert.Equal(new SentimentReason(S(12), Leg.Customer, SentimentReasonKind.Phrase, "this is ridiculous", "anger", reason.Contribution, reason.Explanation), reason);
        Assert.Equal(-0.9, reason.Contribution, Precision);
        Assert.Contains("this is ridiculous", reason.Explanation, StringComparison.Ordinal);
        Assert.Equal(Math.Tanh(-0.9), result.Call.Final, Precision);
        Assert.Equal(Math.Tanh(-0.9), result.Customer.Final, Precision);
        Assert.Equal(0, result.Agent.Final);
        Assert.Same(reason, Assert.Single(result.Customer.Reasons));
        Assert.Same(reason, Assert.Single(result.Call.Points).Reason);
    }

    [Fact]
    public void Courtesy_is_positive_and_valence_is_clamped_to_one()
    {
        var scorer = new SentimentScorer();

        var thanks = scorer.AddDetection(Phrase(Leg.Agent, "thank you for calling", "courtesy", 0.2, 1));
        var extreme = scorer.AddDetection(Phrase(Leg.Agent, "you are wonderful", "courtesy", 0.9, 2));

        Assert.Equal(0.5, thanks.Contribution, Precision);
        Assert.Equal(1.0, extreme.Contribution, Precision);
        Assert.Equal(Math.Tanh(1.5), scorer.Result().Agent.Final, Precision);
    }

    [Fact]
    public void The_lexicon_is_configurable_case_insensitive_and_unknown_categories_count_only_their_phrase_weight()
    {
        var options = new SentimentOptions();
        options.CategoryWeights["Billing-Dispute"] = -0.5;
        var scorer = new SentimentScorer(options);

        var dispute = scorer.AddDetection(Phrase(Leg.Customer, "wrong charge", "billing-dispute", 0, 3));
        var topic = scorer.AddDetection(Phrase(Leg.Customer, "my router", "topic", 0, 4));
        var weighted = scorer.AddDetection(Phrase(Leg.Customer, "fine then", "topic", -0.25, 5));
        var anger = scorer.AddDetection(Phrase(Leg.Customer, "outrageous", "ANGER", 0, 6));

        Assert.Equal(-0.5, dispute.Contribution, Precision);
        Assert.Equal(0, topic.Contribution);
        Assert.Equal(-0.25, weighted.Contribution, Precision);
        Assert.Equal(-0.7, anger.Contribution, Precision);
    }

    [Fact]
    public void An_agitation_episode_gives_one_reason_until_arousal_falls_under_the_hysteresis()
    {
        var scorer = new SentimentScorer();

        Assert.Null(scorer.AddArousal(Leg.Customer, S(1), 0.3));
        var first = scorer.AddArousal(Leg.Customer, S(2), 0.62);
        Assert.Null(scorer.AddArousal(Leg.Customer, S(3), 0.9));
        Assert.Null(scorer.AddArousal(Leg.Customer, S(4), 0.4));   // still above 0.5 - 0.15
        Assert.Null(scorer.AddArousal(Leg.Customer, S(5), 0.3));   // episode over
        var second = scorer.AddArousal(Leg.Customer, S(6), 0.55);

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Equal(SentimentReasonKind.Arousal, first.Kind);
        Assert.Equal(-0.3, first.Contribution, Precision);
        Assert.Contains("0.62", first.Explanation, StringComparison.Ordinal);
        Assert.Equal(2, scorer.Result().Customer.Reasons.Count);
        Assert.Empty(scorer.Result().Agent.Reasons);
    }

    [Fact]
    public void A_negative_phrase_said_agitated_weighs_more_but_a_positive_one_does_not()
    {
        var scorer = new SentimentScorer();
        scorer.AddArousal(Leg.Customer, S(1), 0.8);

        var angry = scorer.AddDetection(Phrase(Leg.Customer, "cancel my account", "churn", 0, 2));
        var polite = scorer.AddDetection(Phrase(Leg.Customer, "thanks", "courtesy", 0, 3));

        Assert.Equal(-0.6 * 1.4, angry.Contribution, Precision);
        Assert.Contains("agitated", angry.Explanation, StringComparison.Ordinal);
        Assert.Equal(0.3, polite.Contribution, Precision);
    }

    [Fact]
    public void An_interruption_counts_against_the_party_who_cut_in()
    {
        var scorer = new SentimentScorer();

        var reason = scorer.AddInterruption(new TalkMetricsInterruption(Leg.Agent, S(30), S(1.2)));

        Assert.Equal(Leg.Agent, reason.Leg);
        Assert.Equal(SentimentReasonKind.Interruption, reason.Kind);
        Assert.Equal(-0.1, reason.Contribution, Precision);
        Assert.Contains("cut in on the customer", reason.Explanation, StringComparison.Ordinal);
        Assert.Single(scorer.Result().Agent.Reasons);
        Assert.Empty(scorer.Result().Customer.Reasons);
    }

    [Fact]
    public void Dead_air_and_holds_are_call_level_and_a_long_hold_weighs_more()
    {
        var scorer = new SentimentScorer();

        var silence = scorer.AddDeadAir(new TalkMetricsStretch(null, S(40), S(9)));
        var shortHold = scorer.AddHold(S(60), S(30));
        var longHold = scorer.AddHold(S(120), S(180));
        var result = scorer.Result();

        Assert.Null(silence.Leg);
        Assert.Equal(-0.15, silence.Contribution, Precision);
        Assert.Equal(-0.1, shortHold.Contribution, Precision);
        Assert.Equal(-0.3, longHold.Contribution, Precision);
        Assert.Equal(3, result.Call.Reasons.Count);
        Assert.Empty(result.Agent.Reasons);
        Assert.Empty(result.Customer.Reasons);
        Assert.Equal(Math.Tanh(-0.55), result.Call.Final, Precision);
    }

    [Fact]
    public void The_live_score_halves_its_raw_sum_every_half_life_while_the_final_keeps_everything()
    {
        var scorer = new SentimentScorer(new SentimentOptions { LiveHalfLife = S(60) });
        scorer.AddDetection(Phrase(Leg.Customer, "this is ridiculous", "anger", 0, 10));

        Assert.Equal(0, scorer.Live(Leg.Customer, S(9)));
        Assert.Equal(Math.Tanh(-0.7), scorer.Live(Leg.Customer, S(10)), Precision);
        Assert.Equal(Math.Tanh(-0.35), scorer.Live(Leg.Customer, S(70)), Precision);
        Assert.Equal(Math.Tanh(-0.175), scorer.Live(null, S(130)), Precision);
        Assert.Equal(Math.Tanh(-0.7), scorer.Result().Customer.Final, Precision);
    }

    [Fact]
    public void Reasons_arriving_out_of_order_are_kept_in_time_order_with_the_decayed_points()
    {
        var scorer = new SentimentScorer(new SentimentOptions { LiveHalfLife = S(60) });
        scorer.AddDetection(Phrase(Leg.Customer, "thanks", "courtesy", 0, 70));
        scorer.AddDetection(Phrase(Leg.Customer, "this is ridiculous", "anger", 0, 10));

        var points = scorer.Result().Customer.Points;

        Assert.Equal([S(10), S(70)], points.Select(p => p.At));
        Assert.Equal(Math.Tanh(-0.7), points[0].Score, Precision);
        Assert.Equal(Math.Tanh((-0.7 / 2) + 0.3), points[1].Score, Precision);
        Assert.Equal(scorer.Live(Leg.Customer, S(70)), points[1].Score, Precision);
    }

    [Fact]
    public void A_talk_summary_brings_its_interruptions_and_dead_air()
    {
        var talk = new TalkMetrics();
        talk.AddSegment(Leg.Agent, S(0), S(10));
        talk.AddSegment(Leg.Customer, S(9), S(15));
        talk.AddSegment(Leg.Agent, S(25), S(30));
        var scorer = new SentimentScorer();

        scorer.AddTalk(talk.Summarize(S(30)));

        Assert.Equal(
            [SentimentReasonKind.Interruption, SentimentReasonKind.DeadAir],
            scorer.Result().Call.Reasons.Select(r => r.Kind));
        Assert.Equal(Leg.Customer, scorer.Result().Call.Reasons[0].Leg);
    }

    [Fact]
    public void Much_talk_over_gives_one_call_level_reason_and_a_little_gives_none()
    {
        var heavy = new TalkMetrics();
        heavy.AddSegment(Leg.Agent, S(0), S(10));
        heavy.AddSegment(Leg.Customer, S(8), S(12));      // 2 s of 12 s speaking: 17 %
        var light = new TalkMetrics();
        light.AddSegment(Leg.Agent, S(0), S(10));
        light.AddSegment(Leg.Customer, S(9.8), S(20));    // 0.2 s of 20 s: 1 %
        var heavyScorer = new SentimentScorer();
        var lightScorer = new SentimentScorer();

        heavyScorer.AddTalk(heavy.Summarize(S(12)));
        lightScorer.AddTalk(light.Summarize(S(20)));

        var reason = Assert.Single(heavyScorer.Reasons, r => r.Kind == SentimentReasonKind.TalkOver);
        Assert.Null(reason.Leg);
        Assert.Equal(S(12), reason.At);
        Assert.Equal(-0.2, reason.Contribution, Precision);
        Assert.Contains("17 %", reason.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain(lightScorer.Reasons, r => r.Kind == SentimentReasonKind.TalkOver);
    }

    [Fact]
    public void A_call_that_goes_red_shows_every_reason_and_recovers_on_the_live_light()
    {
        var scorer = new SentimentScorer();
        scorer.AddDetection(Phrase(Leg.Agent, "thank you for calling", "courtesy", 0, 2));
        scorer.AddDetection(Phrase(Leg.Customer, "third time i call", "frustration", -0.1, 20));
        scorer.AddArousal(Leg.Customer, S(25), 0.7);
        scorer.AddDetection(Phrase(Leg.Customer, "this is ridiculous", "anger", 0, 28));
        scorer.AddInterruption(new TalkMetricsInterruption(Leg.Agent, S(35), S(0.9)));
        scorer.AddHold(S(40), S(150));
        scorer.AddDetection(Phrase(Leg.Customer, "i want to cancel", "churn", 0, 200));

        var result = scorer.Result();
        var worst = result.Call.Points.MinBy(p => p.Score)!;

        Assert.True(result.Call.Final < -0.9, $"final {result.Call.Final}");
        Assert.True(result.Customer.Final < result.Call.Final + 0.2);
        Assert.True(result.Agent.Final > -0.1);
        Assert.Equal(7, result.Call.Reasons.Count);
        Assert.Equal(
            [SentimentReasonKind.Phrase, SentimentReasonKind.Phrase, SentimentReasonKind.Arousal, SentimentReasonKind.Phrase, SentimentReasonKind.Interruption, SentimentReasonKind.Hold, SentimentReasonKind.Phrase],
            result.Call.Reasons.Select(r => r.Kind));
        Assert.Equal(S(40), worst.At);
        Assert.Equal("hold", worst.Reason.Source);
        Assert.True(worst.Score < -0.9, $"worst {worst.Score}");
        Assert.True(scorer.Live(null, S(900)) > worst.Score / 10, "the live light should fade back towards neutral");
        Assert.All(result.Call.Points, p => Assert.InRange(p.Score, -1, 1));
    }
}
