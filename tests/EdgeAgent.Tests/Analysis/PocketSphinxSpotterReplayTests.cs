using EdgeCc.Agent.Analysis;

namespace EdgeCc.Agent.Tests.Analysis;

public sealed class PocketSphinxSpotterReplayTests
{
    [Fact]
    public void A_phrase_followed_by_a_long_stretch_without_reports_is_reported_once()
    {
        const string id = "sense_and_sensibility_01_austen_64kb-0870";
        var speech = SpeechFixtures.ReadWav(SpeechFixtures.Librivox(id));

        // More than the 5 s replay history after the phrase, with nothing else to report.
        var leg = new short[speech.Length + (8 * PocketSphinxSpotter.SampleRate)];
        speech.CopyTo(leg, 0);
        var noise = new Random(5);
        for (var i = speech.Length; i < leg.Length; i++)
        {
            leg[i] = (short)noise.Next(-8, 9);
        }

        using var model = KeywordModel.Create(SpeechFixtures.Options("mister john dashwood"));
        using var spotter = new PocketSphinxSpotter(model);

        var found = SpeechFixtures.Spot(spotter, leg);

        var (start, _) = SpeechFixtures.AlignedTimes(id, "mister john dashwood");
        var hit = Assert.Single(found);
        Assert.InRange(hit.Start.TotalSeconds, start - 0.5, start + 0.5);
    }

    [Theory]
    [InlineData(-0.4)] // the cut falls inside the phrase
    [InlineData(-1.3)] // the phrase ends just before the cut, not yet reported (kws delay)
    public void A_phrase_at_the_one_minute_utterance_cut_is_reported_once_at_its_time(double phraseStartFromCut)
    {
        const string id = "sense_and_sensibility_01_austen_64kb-0870";
        var speech = SpeechFixtures.ReadWav(SpeechFixtures.Librivox(id));
        var (start, _) = SpeechFixtures.AlignedTimes(id, "mister john dashwood");
        var offset = (int)((60 + phraseStartFromCut - start) * PocketSphinxSpotter.SampleRate);
        var leg = new short[offset + speech.Length];

        // Only continuous speech is cut: the other LibriVox sentences, over and over, lead up to the phrase.
        var before = new[] { "0880", "0890", "0920", "0930" }
            .SelectMany(n => SpeechFixtures.ReadWav(SpeechFixtures.Librivox("sense_and_sensibility_01_austen_64kb-" + n)))
            .ToArray();
        for (var i = 0; i < offset; i++)
        {
            leg[i] = before[i % before.Length];
        }

        speech.CopyTo(leg, offset);
        using var model = KeywordModel.Create(SpeechFixtures.Options("mister john dashwood"));
        using var spotter = new PocketSphinxSpotter(model);

        var found = SpeechFixtures.Spot(spotter, leg);

        var hit = Assert.Single(found);
        Assert.InRange(hit.Start.TotalSeconds, 60 + phraseStartFromCut - 0.5, 60 + phraseStartFromCut + 0.5);
    }
}
