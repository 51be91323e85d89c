using EdgeCc.Agent.Analysis.Evaluation;

namespace EdgeCc.Agent.Tests.Analysis.Evaluation;

public sealed class EvalScorerTests
{
    private static readonly string[] Phrases = ["speak to a manager", "cancel my account"];

    private static LabelledPhrase Said(string text, double start, double end) => new() { Text = text, Start = start, End = end };

    private static EvalDetection Heard(string text, double start, double end, double? reportedAt = null) => new(text, start, end, reportedAt);

    [Fact]
    public void A_detection_within_half_a_second_of_the_labelled_phrase_matches_it()
    {
        var item = new ScoredItem(
            [Said("speak to a manager", 10.0, 11.0)],
            [Heard("Speak to a  manager", 11.45, 11.9, reportedAt: 12.2)],
            60);

        var score = EvalScorer.Score(Phrases, [item]);

        Assert.Equal(new PhraseTally("speak to a manager", 1, 0, 0), score.Phrases[0]);
        Assert.Equal(new PhraseTally("cancel my account", 0, 0, 0), score.Phrases[1]);
        var latency = Assert.Single(score.Latencies);
        Assert.Equal(1.2, latency, precision: 9);
    }

    [Fact]
    public void A_detection_further_away_is_a_false_alarm_and_the_phrase_a_miss()
    {
        var item = new ScoredItem([Said("speak to a manager", 10.0, 11.0)], [Heard("speak to a manager", 11.6, 12.0)], 60);

        var score = EvalScorer.Score(Phrases, [item]);

        Assert.Equal(new PhraseTally("speak to a manager", 0, 1, 1), score.Phrases[0]);
        Assert.Empty(score.Latencies);
    }

    [Fact]
    public void A_second_detection_of_one_spoken_phrase_is_a_false_alarm()
    {
        var item = new ScoredItem(
            [Said("cancel my account", 5.0, 6.0)],
            [Heard("cancel my account", 5.1, 6.0), Heard("cancel my account", 5.3, 6.1)],
            60);

        var score = EvalScorer.Score(Phrases, [item]);

        Assert.Equal(new PhraseTally("cancel my account", 1, 0, 1), score.Phrases[1]);
    }

    [Fact]
    public void Detections_match_the_first_unmatched_occurrence_they_overlap_in_order_of_their_start()
    {
        // Two occurrences 0.8 s apart: both windows overlap the first detection, which takes the first occurrence.
        var item = new ScoredItem(
            [Said("cancel my account", 1.0, 2.0), Said("cancel my account", 2.8, 3.8)],
            [Heard("cancel my account", 2.9, 3.7), Heard("cancel my account", 1.9, 2.4)],
            60);

        var score = EvalScorer.Score(Phrases, [item]);

        Assert.Equal(new PhraseTally("cancel my account", 2, 0, 0), score.Phrases[1]);
    }

    [Fact]
    public void A_phrase_of_another_text_never_matches()
    {
        var item = new ScoredItem([Said("speak to a manager", 10.0, 11.0)], [Heard("cancel my account", 10.0, 11.0)], 60);

        var score = EvalScorer.Score(Phrases, [item]);

        Assert.Equal(new PhraseTally("speak to a manager", 0, 1, 0), score.Phrases[0]);
        Assert.Equal(new PhraseTally("cancel my account", 0, 0, 1), score.Phrases[1]);
    }

    [Fact]
    public void Occurrences_without_times_are_scored_by_count_per_file()
    {
        var unaligned = new LabelledPhrase { Text = "speak to a manager" };
        var item = new ScoredItem([unaligned, unaligned], [Heard("speak to a manager", 40, 41), Heard("speak to a manager", 50, 51), Heard("speak to a manager", 52, 53)], 60);

        var score = EvalScorer.Score(Phrases, [item]);

        Assert.Equal(new PhraseTally("speak to a manager", 2, 0, 1), score.Phrases[0]);
    }

    [Fact]
    public void False_alarms_per_phrase_per_hour_divide_by_the_phrase_count_and_the_hours_of_audio()
    {
        // 30 min of audio, 2 phrases, 3 false alarms: 3 / (2 x 0.5 h).
        var items = new[]
        {
            new ScoredItem([], [Heard("speak to a manager", 1, 2), Heard("cancel my account", 5, 6)], 900),
            new ScoredItem([Said("cancel my account", 10, 11)], [Heard("cancel my account", 10, 11), Heard("cancel my account", 100, 101)], 900),
        };

        var score = EvalScorer.Score(Phrases, items);

        Assert.Equal(new PhraseTally("overall", 1, 0, 3), score.Overall);
        Assert.Equal(3.0, score.FalseAlarmsPerPhraseHour, precision: 9);
        Assert.Equal(4.0, score.FalseAlarmsPerHour(score.Phrases[1]), precision: 9);
        Assert.Equal(0.25, score.Overall.Precision, precision: 9);
        Assert.Equal(1.0, score.Overall.Recall, precision: 9);
        Assert.Equal(0.4, score.Overall.F1, precision: 9);
    }

    [Fact]
    public void Latency_percentiles_are_nearest_rank()
    {
        var latencies = Enumerable.Range(1, 20).Select(i => i / 10.0).Reverse().ToList();
        var score = new SetScore([], new PhraseTally("overall", 20, 0, 0), 3600, latencies);

        Assert.Equal(1.0, score.LatencyMedian);
        Assert.Equal(1.9, score.LatencyP95);
        Assert.Null(new SetScore([], new PhraseTally("overall", 0, 0, 0), 3600, []).LatencyMedian);
    }
}
