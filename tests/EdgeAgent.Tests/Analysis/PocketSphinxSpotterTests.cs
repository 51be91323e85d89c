using System.Globalization;
using EdgeCc.Agent.Analysis;
using Xunit.Abstractions;

namespace EdgeCc.Agent.Tests.Analysis;

public sealed class PocketSphinxSpotterTests(ITestOutputHelper output)
{
    /// <summary>Phrases taken from each file's transcription; they do not overlap within a file nor recur in another.</summary>
    public static TheoryData<string, string[]> LibrivoxPhrases => new()
    {
        { "sense_and_sensibility_01_austen_64kb-0870", ["mister john dashwood", "consider how much", "in his power"] },
        { "sense_and_sensibility_01_austen_64kb-0880", ["he was not", "ill disposed young man"] },
        { "sense_and_sensibility_01_austen_64kb-0890", ["rather cold hearted", "rather selfish"] },
        { "sense_and_sensibility_01_austen_64kb-0920", ["amiable woman", "still more respectable"] },
        { "sense_and_sensibility_01_austen_64kb-0930", ["might even have been", "made amiable himself"] },
    };

    private static string[] AllPhrases()
    {
        var all = new List<string>(SpeechFixtures.CallCenterPhrases);
        foreach (var row in LibrivoxPhrases)
        {
            all.AddRange((string[])row[1]);
        }

        return [.. all];
    }

    [Theory]
    [MemberData(nameof(LibrivoxPhrases))]
    public void Phrases_from_a_librivox_transcript_are_found_once_at_their_aligned_times(string id, string[] spoken)
    {
        using var model = KeywordModel.Create(SpeechFixtures.Options(AllPhrases()));
        using var spotter = new PocketSphinxSpotter(model);

        var found = SpeechFixtures.Spot(spotter, SpeechFixtures.ReadWav(SpeechFixtures.Librivox(id)));

        foreach (var f in found)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{f.Phrase.Text}\t{f.Start.TotalSeconds:F2}\t{f.End.TotalSeconds:F2}\t{f.Confidence:F3}"));
        }

        foreach (var phrase in spoken)
        {
            var (start, end) = SpeechFixtures.AlignedTimes(id, phrase);
            var hits = found.Where(f => f.Phrase.Text == phrase).ToList();
            Assert.True(hits.Count == 1, $"'{phrase}' found {hits.Count} times in {id}");
            Assert.InRange(hits[0].Start.TotalSeconds, start - 0.5, start + 0.5);
            Assert.InRange(hits[0].End.TotalSeconds, end - 0.5, end + 0.5);
            Assert.InRange(hits[0].Confidence, 0.5, 1.0);
        }

        Assert.All(found, f => Assert.Contains(f.Phrase.Text, spoken));
    }
}
