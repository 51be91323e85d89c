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

    [Fact]
    public void A_pause_within_a_leg_keeps_the_channel_adaptation_and_a_new_leg_starts_afresh()
    {
        using var model = KeywordModel.Create(SpeechFixtures.Options("mister john dashwood", "ill disposed young man"));
        using var spotter = new PocketSphinxSpotter(model);
        var first = SpeechFixtures.ReadWav(SpeechFixtures.Librivox("sense_and_sensibility_01_austen_64kb-0870"));
        var second = SpeechFixtures.ReadWav(SpeechFixtures.Librivox("sense_and_sensibility_01_austen_64kb-0880"));

        var fresh = SpeechFixtures.Spot(spotter, second).Single().Margin;
        SpeechFixtures.Spot(spotter, first, spotter.Finish);
        var nextLeg = SpeechFixtures.Spot(spotter, second).Single().Margin;
        SpeechFixtures.Spot(spotter, first, spotter.EndSegment);
        var afterPause = SpeechFixtures.Spot(spotter, second).Single();

        // The live cepstral mean learnt from the first stretch is used for the second only within one leg.
        Assert.Equal(fresh, nextLeg);
        Assert.NotEqual(fresh, afterPause.Margin);
        Assert.Equal("ill disposed young man", afterPause.Phrase.Text);
    }

    [Fact]
    public void A_first_stretch_shorter_than_the_warm_up_is_decoded_again_and_reported_once()
    {
        const string id = "sense_and_sensibility_01_austen_64kb-0870";
        using var model = KeywordModel.Create(SpeechFixtures.Options("mister john dashwood"));
        using var spotter = new PocketSphinxSpotter(model);
        var (_, end) = SpeechFixtures.AlignedTimes(id, "mister john dashwood");
        var stretch = SpeechFixtures.ReadWav(SpeechFixtures.Librivox(id))[..(int)((end + 0.3) * PocketSphinxSpotter.SampleRate)];

        var first = SpeechFixtures.Spot(spotter, stretch, spotter.EndSegment);
        var second = SpeechFixtures.Spot(spotter, stretch, spotter.EndSegment);

        Assert.Equal("mister john dashwood", Assert.Single(first).Phrase.Text);
        Assert.Equal("mister john dashwood", Assert.Single(second).Phrase.Text);
    }

    [Fact]
    public void A_phrase_is_reported_while_the_leg_goes_on_not_only_at_its_end()
    {
        const string id = "sense_and_sensibility_01_austen_64kb-0870";
        using var model = KeywordModel.Create(SpeechFixtures.Options("mister john dashwood", "in his power"));
        using var spotter = new PocketSphinxSpotter(model);
        var audio = SpeechFixtures.ReadWav(SpeechFixtures.Librivox(id));
        var (_, end) = SpeechFixtures.AlignedTimes(id, "mister john dashwood");
        var found = new List<SpottedPhrase>();

        // The report may lag the phrase by -kws_delay (0.1 s), one 0.1 s slice and the feature window.
        var upTo = (int)((end + 0.4) * PocketSphinxSpotter.SampleRate);
        for (var at = 0; at < upTo; at += 320)
        {
            spotter.Process(audio.AsSpan(at, 320), found);
        }

        Assert.Equal("mister john dashwood", Assert.Single(found).Phrase.Text);
    }

    [Fact]
    public void A_phrase_ending_with_the_audio_is_reported_by_finish()
    {
        const string id = "sense_and_sensibility_01_austen_64kb-0880";
        using var model = KeywordModel.Create(SpeechFixtures.Options("ill disposed young man"));
        using var spotter = new PocketSphinxSpotter(model);
        var (_, end) = SpeechFixtures.AlignedTimes(id, "ill disposed young man");
        var audio = SpeechFixtures.ReadWav(SpeechFixtures.Librivox(id))[..(int)(end * PocketSphinxSpotter.SampleRate)];
        var found = new List<SpottedPhrase>();

        spotter.Process(audio, found);
        Assert.Empty(found);
        spotter.Finish(found);

        var hit = Assert.Single(found);
        Assert.InRange(hit.End.TotalSeconds, end - 0.5, end + 0.05);
    }

    [Fact]
    public void The_result_does_not_depend_on_the_frame_size_fed()
    {
        const string id = "sense_and_sensibility_01_austen_64kb-0890";
        using var model = KeywordModel.Create(SpeechFixtures.Options("rather cold hearted", "rather selfish", "ill disposed"));
        using var spotter = new PocketSphinxSpotter(model);
        var audio = SpeechFixtures.ReadWav(SpeechFixtures.Librivox(id));

        var whole = SpeechFixtures.Spot(spotter, audio, frame: audio.Length);
        var rtp = SpeechFixtures.Spot(spotter, audio, frame: 160);
        var odd = SpeechFixtures.Spot(spotter, audio, frame: 333);

        Assert.Equal(3, whole.Count);
        Assert.Equal(whole, rtp);
        Assert.Equal(whole, odd);
    }

    [Fact]
    public void A_decoder_without_an_acoustic_model_fails_with_the_key_and_the_package()
    {
        using var model = KeywordModel.Create(SpeechFixtures.Options("speak to a manager"));
        var broken = Directory.CreateTempSubdirectory("edgecc-no-model-");
        try
        {
            var options = SpeechFixtures.Options("speak to a manager");
            options.ModelDirectory = broken.FullName;

            var error = Assert.Throws<FileNotFoundException>(() => KeywordModel.Create(options));

            Assert.Equal(
                $"Analysis:ModelDirectory '{broken.FullName}' has no 'mdef': it is not a PocketSphinx acoustic model (install pocketsphinx-en-us)",
                error.Message);
        }
        finally
        {
            broken.Delete();
        }
    }

    [Fact]
    public void The_decoder_gets_a_dictionary_of_only_the_phrase_words_with_their_alternates()
    {
        using var model = KeywordModel.Create(SpeechFixtures.Options("speak to a manager", "cancel my account"));

        var lines = File.ReadAllLines(model.DictionaryPath);

        Assert.Contains("manager(2) M AE N IH JH ER", lines);
        Assert.Equal(7, model.WordCount);
        Assert.All(lines, line => Assert.Matches(@"^(speak|to|a|manager|cancel|my|account)(\(\d\))? ", line));
        Assert.Equal(
            ["speak to a manager /1e-20/", "cancel my account /1e-20/"],
            File.ReadAllLines(model.KeyphrasePath));
    }

    [Fact]
    public void Call_center_phrases_are_not_found_in_any_librivox_recording()
    {
        using var model = KeywordModel.Create(SpeechFixtures.Options(SpeechFixtures.CallCenterPhrases));
        using var spotter = new PocketSphinxSpotter(model);
        var found = new List<SpottedPhrase>();

        foreach (var row in LibrivoxPhrases)
        {
            found.AddRange(SpeechFixtures.Spot(spotter, SpeechFixtures.ReadWav(SpeechFixtures.Librivox((string)row[0]))));
        }

        Assert.Empty(found);
    }

    [Fact]
    public void Overlapping_phrases_are_each_found_once()
    {
        const string id = "sense_and_sensibility_01_austen_64kb-0890";
        string[] phrases = ["rather cold", "cold hearted", "hearted and rather selfish", "ill disposed"];
        using var model = KeywordModel.Create(SpeechFixtures.Options(phrases));
        using var spotter = new PocketSphinxSpotter(model);

        var found = SpeechFixtures.Spot(spotter, SpeechFixtures.ReadWav(SpeechFixtures.Librivox(id)));

        foreach (var f in found)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{f.Phrase.Text}\t{f.Start.TotalSeconds:F2}\t{f.End.TotalSeconds:F2}\t{f.Confidence:F3}"));
        }

        Assert.Equal(phrases, found.Select(f => f.Phrase.Text));
        foreach (var hit in found)
        {
            var (start, end) = SpeechFixtures.AlignedTimes(id, hit.Phrase.Text);
            Assert.InRange(hit.Start.TotalSeconds, start - 0.5, start + 0.5);
            Assert.InRange(hit.End.TotalSeconds, end - 0.5, end + 0.5);
        }
    }

    [Fact]
    public void An_unknown_decoder_argument_is_rejected_with_the_arguments_in_the_message()
    {
        TestPaths.RequireFile(SpeechFixtures.ModelDirectory, "pocketsphinx-en-us");

        var error = Assert.Throws<InvalidOperationException>(() => PsConfigHandle.Parse(["-hmm", SpeechFixtures.ModelDirectory, "-no_such_option", "1"]));

        Assert.StartsWith("PocketSphinx rejected its configuration (cmd_ln_parse_r failed): -hmm ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Finishing_a_leg_without_audio_reports_nothing_and_the_spotter_stays_usable()
    {
        const string id = "sense_and_sensibility_01_austen_64kb-0930";
        using var model = KeywordModel.Create(SpeechFixtures.Options("made amiable himself"));
        using var spotter = new PocketSphinxSpotter(model);
        var found = new List<SpottedPhrase>();

        spotter.Finish(found);
        spotter.Process([], found);
        spotter.Finish(found);
        Assert.Empty(found);

        Assert.Equal("made amiable himself", Assert.Single(SpeechFixtures.Spot(spotter, SpeechFixtures.ReadWav(SpeechFixtures.Librivox(id)))).Phrase.Text);
    }
}
