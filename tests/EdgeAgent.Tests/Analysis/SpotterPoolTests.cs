using EdgeCc.Agent.Analysis;
using Microsoft.Extensions.Logging.Abstractions;
using EdgeCc.Agent.Tests.Uplink;

namespace EdgeCc.Agent.Tests.Analysis;

public sealed class SpotterPoolTests
{
    private const string First = "sense_and_sensibility_01_austen_64kb-0870";
    private const string Second = "sense_and_sensibility_01_austen_64kb-0920";

    private static readonly string[] s_phrases =
        ["mister john dashwood", "consider how much", "in his power", "amiable woman", "still more respectable", "speak to a manager"];

    private static SpotterPool NewPool() =>
        new(new TestOptionsMonitor<AnalysisOptions>(SpeechFixtures.Options(s_phrases)), NullLogger<SpotterPool>.Instance);

    private static string Describe(IEnumerable<SpottedPhrase> found) =>
        string.Join("; ", found.Select(f => $"{f.Phrase.Text} {f.Start.TotalSeconds:F2}-{f.End.TotalSeconds:F2} {f.Confidence:F4}"));

    [Fact]
    public void Two_legs_on_one_rented_spotter_give_the_same_result_as_fresh_spotters()
    {
        var first = SpeechFixtures.ReadWav(SpeechFixtures.Librivox(First));
        var second = SpeechFixtures.ReadWav(SpeechFixtures.Librivox(Second));
        string freshFirst, freshSecond;
        using (var pool = NewPool())
        {
            var a = pool.Rent(16_000);
            var b = pool.Rent(16_000);
            freshFirst = Describe(SpeechFixtures.Spot(a, first));
            freshSecond = Describe(SpeechFixtures.Spot(b, second));
            pool.Return(a);
            pool.Return(b);
        }

        using var reusing = NewPool();
        var spotter = reusing.Rent(16_000);
        var reusedFirst = Describe(SpeechFixtures.Spot(spotter, first));
        var reusedSecond = Describe(SpeechFixtures.Spot(spotter, second));
        reusing.Return(spotter);

        Assert.Contains("mister john dashwood", freshFirst, StringComparison.Ordinal);
        Assert.Contains("amiable woman", freshSecond, StringComparison.Ordinal);
        Assert.Equal(freshFirst, reusedFirst);
        Assert.Equal(freshSecond, reusedSecond);
    }

    [Fact]
    public void Returned_spotters_are_rented_again_instead_of_creating_decoders()
    {
        using var pool = NewPool();
        var a = pool.Rent(16_000);
        var b = pool.Rent(16_000);
        Assert.Equal(2, pool.Created);
        pool.Return(a);
        Assert.Equal(1, pool.Idle);

        var c = pool.Rent(16_000);

        Assert.Same(a, c);
        Assert.Equal(2, pool.Created);
        Assert.Equal(0, pool.Idle);
        pool.Return(b);
        pool.Return(c);
        Assert.Equal(2, pool.Idle);
    }

    [Fact]
    public void A_spotter_returned_mid_leg_starts_its_next_leg_at_time_zero()
    {
        var audio = SpeechFixtures.ReadWav(SpeechFixtures.Librivox(First));
        using var pool = NewPool();
        var spotter = pool.Rent(16_000);
        var dropped = new List<SpottedPhrase>();
        spotter.Process(audio.AsSpan(0, audio.Length / 2), dropped);
        pool.Return(spotter);

        var again = pool.Rent(16_000);
        var found = SpeechFixtures.Spot(again, audio);

        Assert.Same(spotter, again);
        var hit = Assert.Single(found, f => f.Phrase.Text == "mister john dashwood");
        Assert.InRange(hit.Start.TotalSeconds, 0.0, 0.9);
    }

    [Fact]
    public void Renting_from_several_threads_gives_each_its_own_decoder()
    {
        using var pool = NewPool();
        var rented = new IKeywordSpotter[4];
        Parallel.For(0, rented.Length, i => rented[i] = pool.Rent(16_000));

        Assert.Equal(4, rented.Distinct().Count());
        Assert.Equal(4, pool.Created);
        Parallel.ForEach(rented, pool.Return);
        Assert.Equal(4, pool.Idle);
    }

    [Fact]
    public void A_missing_model_directory_fails_with_the_key_and_the_package_to_install()
    {
        var options = SpeechFixtures.Options("speak to a manager");
        options.ModelDirectory = "/nonexistent/en-us";
        using var pool = SpotterPool.ForOptions(options, NullLogger<SpotterPool>.Instance);

        var error = Assert.Throws<DirectoryNotFoundException>(() => pool.Rent(16_000));

        Assert.Equal("Analysis:ModelDirectory '/nonexistent/en-us' does not exist (install pocketsphinx-en-us)", error.Message);
    }
}
