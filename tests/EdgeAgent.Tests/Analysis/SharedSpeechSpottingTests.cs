using System.Globalization;
using EdgeCc.Agent.Analysis;
using Xunit.Abstractions;

namespace EdgeCc.Agent.Tests.Analysis;

/// <summary>
/// Spotting on ../shared/testdata/speech (transcripts.tsv), other speakers and other recording set-ups. Left out:
/// cmu_arctic_us_axb_a0004 ("glad to see you"), which this acoustic model does not recognise at all (the CLI's
/// full decode of it is unrelated words, and its keyphrase search finds nothing even at 1e-50).
/// </summary>
public sealed class SharedSpeechSpottingTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Spoken => new()
    {
        { "speech/pocketsphinx/cards/001.wav", "ten of clubs" },
        { "speech/pocketsphinx/cards/002.wav", "queen of clubs" },
        { "speech/pocketsphinx/cards/005.wav", "seven of hearts" },
        { "speech/pocketsphinx/misc/goforward.derived.wav", "go forward ten meters" },
        { "speech/pocketsphinx/misc/input_2_16k.wav", "go on forever" },
        { "speech/cmu_arctic/cmu_arctic_us_aew_a0003.wav", "two men shook hands" },
    };

    [Theory]
    [MemberData(nameof(Spoken))]
    public void A_phrase_from_the_transcript_is_found_and_call_center_phrases_are_not(string file, string phrase)
    {
        string[] phrases = [phrase, .. SpeechFixtures.CallCenterPhrases];
        using var model = KeywordModel.Create(SpeechFixtures.Options(phrases));
        using var spotter = new PocketSphinxSpotter(model);

        var found = SpeechFixtures.Spot(spotter, SpeechFixtures.ReadWav(TestPaths.Shared(file)));

        foreach (var f in found)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{f.Phrase.Text}\t{f.Start.TotalSeconds:F2}\t{f.End.TotalSeconds:F2}\t{f.Confidence:F3}"));
        }

        var hit = Assert.Single(found);
        Assert.Equal(phrase, hit.Phrase.Text);
    }
}
