using EdgeCc.Agent.Analysis;

namespace EdgeCc.Agent.Tests.Analysis;

public sealed class SpotterRepeatTests
{
    [Fact]
    public void A_phrase_followed_by_more_than_the_replay_history_is_reported_once()
    {
        const string id = "sense_and_sensibility_01_austen_64kb-0880";
        using var model = KeywordModel.Create(SpeechFixtures.Options("ill disposed young man"));
        using var spotter = new PocketSphinxSpotter(model);
        var speech = SpeechFixtures.ReadWav(SpeechFixtures.Librivox(id));

        // 8 s of quiet after the file: past the 5 s replay history, with no new report to start a new utterance.
        var audio = new short[speech.Length + (8 * PocketSphinxSpotter.SampleRate)];
        speech.CopyTo(audio, 0);
        var state = 12345u;
        for (var i = speech.Length; i < audio.Length; i++)
        {
            state = (state * 1664525) + 1013904223;
            audio[i] = (short)((int)(state >> 28) - 8);
        }

        var found = SpeechFixtures.Spot(spotter, audio);

        var hit = Assert.Single(found);
        var (_, end) = SpeechFixtures.AlignedTimes(id, "ill disposed young man");
        Assert.InRange(hit.End.TotalSeconds, end - 0.5, end + 0.5);
    }
}
