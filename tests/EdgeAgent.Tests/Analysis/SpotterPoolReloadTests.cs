using System.Text;
using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Hosting;
using EdgeCc.Agent.Store;
using EdgeCc.Agent.Tests.Store;
using EdgeCc.Agent.Uplink;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCc.Agent.Tests.Analysis;

/// <summary>
/// A remote configuration changing the phrase list reaches the spotters through the real path: RemoteConfigHandler,
/// the RemoteConfig configuration provider, a configuration reload, the options monitor, SpotterPool.
/// </summary>
public sealed class SpotterPoolReloadTests : IDisposable
{
    /// <summary>"... a more amiable woman (1.46-2.49 s) ... still more respectable (3.70-4.99 s) ..."</summary>
    private const string Leg0920 = "sense_and_sensibility_01_austen_64kb-0920";

    private readonly TempStore _dir = new();

    public void Dispose() => _dir.Dispose();

    private sealed class Box : IDisposable
    {
        private readonly ServiceProvider _services;
        private readonly EdgeDatabase _db;

        public Box(TempStore dir, string phrase)
        {
            var time = new FakeTimeProvider();
            Holder = new RemoteConfig();
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Analysis:ModelDirectory"] = SpeechFixtures.ModelDirectory,
                    ["Analysis:DictionaryPath"] = SpeechFixtures.DictionaryPath,
                    ["Analysis:Phrases:0:Text"] = phrase,
                    ["Analysis:Phrases:0:Category"] = "test",
                    ["Analysis:Phrases:0:Threshold"] = "-20",
                })
                .AddRemoteConfig(Holder)
                .Build();
            var services = new ServiceCollection();
            services.AddSectionOptions<AnalysisOptions>(configuration, AnalysisOptions.Section);
            _services = services.BuildServiceProvider();
            Pool = new SpotterPool(_services.GetRequiredService<IOptionsMonitor<AnalysisOptions>>(), NullLogger<SpotterPool>.Instance);
            _db = new EdgeDatabase(dir.Options, time);

            // No remote validators: the pool's own check is what stands between a bad list and the decoders.
            Handler = new RemoteConfigHandler(Holder, new ConfigHistory(_db, time), new UplinkOptions(), [], configuration);
        }

        public RemoteConfig Holder { get; }

        public RemoteConfigHandler Handler { get; }

        public SpotterPool Pool { get; }

        public RemoteConfigOutcome Push(string version, string phrase) =>
            Handler.Handle(Encoding.UTF8.GetBytes(
                """{"schemaVersion":1,"version":""" + $"\"{version}\"" + ""","settings":{"Analysis":{"Phrases":[{"Text":""" + $"\"{phrase}\"" +
                ""","Category":"test","Threshold":-20}]}}}""")).Outcome;

        public void Dispose()
        {
            Pool.Dispose();
            _db.Dispose();
            _services.Dispose();
        }
    }

    private static string[] Texts(IEnumerable<SpottedPhrase> found) => [.. found.Select(f => f.Phrase.Text)];

    [Fact]
    public void A_remote_phrase_change_reaches_new_legs_while_a_leg_in_progress_keeps_its_phrases()
    {
        var audio = SpeechFixtures.ReadWav(SpeechFixtures.Librivox(Leg0920));
        using var box = new Box(_dir, "still more respectable");
        var before = box.Pool.Rent(16_000);
        var beforeFound = new List<SpottedPhrase>();
        before.Process(audio.AsSpan(0, 16_000), beforeFound);

        Assert.Equal(RemoteConfigOutcome.Accepted, box.Push("v1", "amiable woman"));
        Assert.Equal(1, box.Pool.Updates);

        // The leg that started before the change finishes on the old list.
        before.Process(audio.AsSpan(16_000), beforeFound);
        before.Finish(beforeFound);
        Assert.Equal(["still more respectable"], Texts(beforeFound));
        box.Pool.Return(before);
        Assert.Equal(0, box.Pool.Idle);

        // A new leg gets a decoder for the new list: the old one could not find "amiable woman".
        var after = box.Pool.Rent(16_000);
        Assert.NotSame(before, after);
        Assert.Equal(["amiable woman"], Texts(SpeechFixtures.Spot(after, audio)));
        box.Pool.Return(after);
        Assert.Equal(1, box.Pool.Idle);
        Assert.Same(after, box.Pool.Rent(16_000));
    }

    [Fact]
    public void A_phrase_list_the_decoder_cannot_use_leaves_the_previous_one_in_force()
    {
        var audio = SpeechFixtures.ReadWav(SpeechFixtures.Librivox(Leg0920));
        using var box = new Box(_dir, "amiable woman");
        var spotter = box.Pool.Rent(16_000);
        box.Pool.Return(spotter);

        Assert.Equal(RemoteConfigOutcome.Accepted, box.Push("v1", "zorblax woman"));

        Assert.Equal(0, box.Pool.Updates);
        Assert.Equal(1, box.Pool.Idle);
        var again = box.Pool.Rent(16_000);
        Assert.Same(spotter, again);
        Assert.Equal(["amiable woman"], Texts(SpeechFixtures.Spot(again, audio)));
        box.Pool.Return(again);
    }

    [Fact]
    public void A_change_replaces_the_models_of_every_band_in_use()
    {
        using var box = new Box(_dir, "still more respectable");
        box.Pool.Return(box.Pool.Rent(16_000));
        box.Pool.Return(box.Pool.Rent(8_000));
        Assert.Equal(2, box.Pool.Idle);

        Assert.Equal(RemoteConfigOutcome.Accepted, box.Push("v1", "amiable woman"));

        Assert.Equal(0, box.Pool.Idle);
        var wide = (PocketSphinxSpotter)box.Pool.Rent(16_000);
        var narrow = (PocketSphinxSpotter)box.Pool.Rent(8_000);
        Assert.NotNull(wide.Model.Find("amiable woman"));
        Assert.NotNull(narrow.Model.Find("amiable woman"));
        Assert.Null(narrow.Model.Find("still more respectable"));
        Assert.Equal(4, box.Pool.Created);
        box.Pool.Return(wide);
        box.Pool.Return(narrow);
    }
}
