using EdgeCc.Agent.Analysis.Evaluation;

namespace EdgeCc.Agent.Tests.Analysis.Evaluation;

public sealed class ThresholdCalibratorTests
{
    private const string Phrase = "cancel my account";

    /// <summary>One hour of audio: the phrase spoken three times, heard with the given margins; false alarms with theirs.</summary>
    private static ScoredItem[] Hour(double[] hitMargins, double[] falseAlarmMargins)
    {
        var expected = new List<LabelledPhrase>();
        var detections = new List<EvalDetection>();
        for (var i = 0; i < hitMargins.Length; i++)
        {
            expected.Add(new LabelledPhrase { Text = Phrase, Start = 100 * i, End = (100 * i) + 1 });
            detections.Add(new EvalDetection(Phrase, 100 * i, (100 * i) + 1, Margin: hitMargins[i]));
        }

        for (var i = 0; i < falseAlarmMargins.Length; i++)
        {
            detections.Add(new EvalDetection(Phrase, 2000 + (100 * i), 2001 + (100 * i), Margin: falseAlarmMargins[i]));
        }

        return [new ScoredItem(expected, detections, 1800), new ScoredItem([], [], 1800)];
    }

    [Fact]
    public void The_loosest_thresholds_within_the_budget_win_and_the_middle_of_equal_ones_is_taken()
    {
        // Hits at -5, -15, -35; false alarms at -10 and -40. Budget 1 per hour of 1 h: at -40 and looser two false
        // alarms; from -39 to -35 all three hits with one false alarm; stricter loses hits. Middle of -39..-35: -37.
        var choice = ThresholdCalibrator.Choose(Phrase, Hour([-5, -15, -35], [-10, -40]), budgetPerHour: 1, loosest: -60);

        Assert.Equal(-37, choice.Threshold);
        Assert.True(choice.WithinBudget);
        Assert.Equal(new PhraseTally(Phrase, 3, 0, 1), choice.Tally);
        Assert.Equal(1.0, choice.FalseAlarmsPerHour, precision: 9);
    }

    [Fact]
    public void A_zero_budget_gives_up_hits_behind_a_strong_false_alarm()
    {
        // The false alarm at -10 only goes at -9 and stricter, where one hit (-5) is left.
        var choice = ThresholdCalibrator.Choose(Phrase, Hour([-5, -15, -35], [-10, -40]), budgetPerHour: 0, loosest: -60);

        Assert.Equal(new PhraseTally(Phrase, 1, 2, 0), choice.Tally);
        Assert.InRange(choice.Threshold, -9, -5);
        Assert.Equal(-7, choice.Threshold);
    }

    [Fact]
    public void When_no_threshold_meets_the_budget_the_strictest_is_chosen_and_flagged()
    {
        var choice = ThresholdCalibrator.Choose(Phrase, Hour([155], [160, 170]), budgetPerHour: 1, loosest: -60);

        Assert.Equal(ThresholdCalibrator.Strictest, choice.Threshold);
        Assert.False(choice.WithinBudget);
        Assert.Equal(2, choice.Tally.FalseAlarms);
    }

    [Fact]
    public void A_phrase_never_spoken_keeps_its_threshold_unless_that_breaks_the_budget()
    {
        var quiet = ThresholdCalibrator.Choose(Phrase, Hour([], [-50]), budgetPerHour: 0, loosest: -60, configured: -25);
        var noisy = ThresholdCalibrator.Choose(Phrase, Hour([], [-20]), budgetPerHour: 0, loosest: -60, configured: -25);

        Assert.Equal(-25, quiet.Threshold);
        Assert.Equal(-19, noisy.Threshold);
        Assert.Equal(0, noisy.Tally.FalseAlarms);
    }

    [Fact]
    public void The_pooled_budget_goes_to_the_phrase_that_buys_the_most_hits_per_false_alarm()
    {
        // One hour each, budget 1 per phrase per hour: 2 false alarms between the two phrases. The first gains one hit
        // per false alarm (-20, then -30 behind false alarms at -15 and -25); the second two hits behind one false
        // alarm at -12, then one more behind another at -50.
        const string other = "verify your identity";
        var second = Hour([-5, -13, -14, -55], [-12, -50]).Select(i => i with
        {
            Expected = [.. i.Expected.Select(e => e with { Text = other })],
            Detections = [.. i.Detections.Select(d => d with { Phrase = other })],
        }).ToArray();
        CalibrationInput[] phrases =
        [
            new(Phrase, Hour([-5, -20, -30], [-15, -25]), -20),
            new(other, second, -20),
        ];

        var choices = ThresholdCalibrator.ChooseTogether(phrases, budgetPerHour: 1, loosest: -60);

        // The second phrase's -14 first (2 hits for 1), then 1 hit for 1 either way: the earlier phrase's -20 wins the
        // tie. The pool is spent: 5 of 7 hits.
        Assert.All(choices, c => Assert.True(c.WithinBudget));
        Assert.Equal(new PhraseTally(Phrase, 2, 1, 1), choices[0].Tally);
        Assert.Equal(new PhraseTally(other, 3, 1, 1), choices[1].Tally);
        Assert.Equal(-22, choices[0].Threshold); // -25 < T <= -20: -24..-20, middle -22
        Assert.Equal(-31, choices[1].Threshold); // -49..-14: of the two middle ones, the stricter
    }

    [Fact]
    public void The_budget_holds_on_each_set_so_quiet_audio_does_not_pay_for_a_noisy_sets_false_alarms()
    {
        // Each set: an hour with hits at -5 and -30; the noisy one has false alarms at -20 and -25. The two hits at -30
        // cost both false alarms: within a pool of 2 over both sets, over the noisy set's own 1.
        ScoredItem[] InSet(string set, double[] falseAlarms) => [.. Hour([-5, -30], falseAlarms).Select(i => i with { Set = set })];
        var quiet = InSet("quiet", []);
        var noisy = InSet("noisy", [-20, -25]);

        var perSet = ThresholdCalibrator.Choose(Phrase, [.. quiet, .. noisy], budgetPerHour: 1, loosest: -60);
        var pooled = ThresholdCalibrator.Choose(Phrase, [.. quiet, .. InSet("quiet", [-20, -25])], budgetPerHour: 1, loosest: -60);

        Assert.Equal((new PhraseTally(Phrase, 2, 2, 0), -12), (perSet.Tally, perSet.Threshold)); // -19..-5: middle -12
        Assert.Equal((0, 3600.0), perSet.BySet["noisy"]);
        Assert.True(perSet.WithinBudget);
        Assert.Equal((new PhraseTally(Phrase, 4, 0, 2), -45), (pooled.Tally, pooled.Threshold)); // -60..-30: middle -45
    }

    [Fact]
    public void A_spoken_phrase_found_at_no_affordable_threshold_keeps_its_configured_one()
    {
        // Its only hit (-30) hides behind a false alarm at -20; a zero budget affords neither.
        var kept = ThresholdCalibrator.Choose(Phrase, Hour([-30], [-20]), budgetPerHour: 0, loosest: -60, configured: 10);
        var tightened = ThresholdCalibrator.Choose(Phrase, Hour([-30], [-20]), budgetPerHour: 0, loosest: -60, configured: -25);

        Assert.Equal((10, 0, 0), (kept.Threshold, kept.Tally.TruePositives, kept.Tally.FalseAlarms));
        Assert.Equal((-19, 0, 0), (tightened.Threshold, tightened.Tally.TruePositives, tightened.Tally.FalseAlarms));
    }

    [Fact]
    public void Filtering_keeps_detections_at_or_above_the_threshold()
    {
        EvalDetection[] detections = [new(Phrase, 0, 1, Margin: -30), new(Phrase, 2, 3, Margin: -29.5), new(Phrase, 4, 5)];

        var kept = ThresholdCalibrator.Filter(detections, -30);
        var stricter = ThresholdCalibrator.Filter(detections, -29);

        Assert.Equal(3, kept.Count);
        Assert.Equal([detections[2]], stricter);
    }
}
