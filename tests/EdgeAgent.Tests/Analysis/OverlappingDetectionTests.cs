using System.Globalization;
using EdgeCc.Agent.Analysis;
using Xunit.Abstractions;

namespace EdgeCc.Agent.Tests.Analysis;

/// <summary>
/// What the spotter makes of PocketSphinx's detection list beyond the first report: a detection improved in place after
/// its report, and detections of different phrases over the same stretch of speech. Real recordings, shipped
/// phone-loop probability (1e-8).
/// </summary>
public sealed class OverlappingDetectionTests(ITestOutputHelper output)
{
    private const string SevenOfClubs = "speech/pocketsphinx/cards/003.wav";

    private static AnalysisOptions Shipped(int threshold, params string[] phrases)
    {
        var options = SpeechFixtures.Options(phrases);
        options.PhoneLoopProbability = new AnalysisOptions().PhoneLoopProbability;
        options.Phrases = [.. options.Phrases.Select(p => p.WithThresholds(threshold, null, null, null))];
        return options;
    }

    private List<SpottedPhrase> Spot(AnalysisOptions options, string file)
    {
        using var model = KeywordModel.Create(options);
        using var spotter = new PocketSphinxSpotter(model);
        var found = SpeechFixtures.Spot(spotter, SpeechFixtures.ReadWav(TestPaths.Shared(file)));
        foreach (var f in found)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{f.Phrase.Text}\t{f.Start.TotalSeconds:F2}\t{f.End.TotalSeconds:F2}\tmargin {f.Margin:F1}\tbest {f.BestMargin:F1}"));
        }

        return found;
    }

    [Fact]
    public void Of_phrases_found_over_the_same_stretch_only_the_best_match_is_reported()
    {
        string[] phrases = ["ten of clubs", "seven of hearts", "seven of clubs"];
        var competing = Shipped(20, phrases);
        var all = Shipped(20, phrases);
        all.BestOfOverlappingPhrases = false;

        var everyMatch = Spot(all, SevenOfClubs);
        var best = Spot(competing, SevenOfClubs);

        Assert.True(everyMatch.Count >= 2, $"{everyMatch.Count} phrases without competition");
        Assert.Equal("seven of clubs", Assert.Single(best).Phrase.Text);
    }

    [Fact]
    public void A_phrase_nested_in_another_does_not_compete_with_it()
    {
        var found = Spot(Shipped(0, "seven of clubs", "of clubs"), SevenOfClubs);

        Assert.Contains(found, f => f.Phrase.Text == "seven of clubs");
        Assert.Contains(found, f => f.Phrase.Text == "of clubs");
    }

    [Fact]
    public void A_detections_best_margin_is_what_a_stricter_spotter_reports_it_at()
    {
        // Calibration runs every phrase at -60 and sweeps thresholds over the detections' margins: the figure it
        // sweeps over must predict what a spotter at the chosen threshold reports.
        const string file = "speech/pocketsphinx/cards/005.wav";
        string[] phrases = ["eight of spades", "four of clubs", "seven of hearts"];
        var permissive = Spot(Shipped(-60, phrases), file);
        Assert.All(permissive, f => Assert.True(f.BestMargin >= f.Margin, $"{f.Phrase.Text}: best {f.BestMargin} < first {f.Margin}"));
        var improved = permissive.Where(f => f.BestMargin >= f.Margin + 2).ToList();
        Assert.NotEmpty(improved);

        // The same phrase list: every keyphrase takes part in the search's pruning, so another list is another search.
        foreach (var f in improved)
        {
            var justBelowBest = (int)Math.Floor(f.BestMargin);
            Assert.Contains(Spot(Shipped(justBelowBest, phrases), file), s => s.Phrase.Text == f.Phrase.Text);
            Assert.DoesNotContain(Spot(Shipped(justBelowBest + 2, phrases), file), s => s.Phrase.Text == f.Phrase.Text);
        }
    }
}
