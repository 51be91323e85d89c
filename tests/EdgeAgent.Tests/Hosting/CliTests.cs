namespace EdgeCc.Agent.Tests.Hosting;

public class CliTests
{
    [Fact]
    public async Task Version_prints_the_version()
    {
        var (code, output, _) = await EdgeccProcess.RunAsync("--version");
        Assert.Equal(0, code);
        Assert.StartsWith("edgecc ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_verb_exits_2_with_one_clear_line()
    {
        var (code, _, error) = await EdgeccProcess.RunAsync("dance");
        Assert.Equal(2, code);
        Assert.Equal("edgecc: unknown verb 'dance' (try --help)", error.Trim());
    }

    [Fact]
    public async Task Out_of_vocabulary_phrase_word_exits_2_naming_the_key_and_the_word()
    {
        var wav = TestPaths.Repo("samples/" + FirstSample());
        var (code, _, error) = await EdgeccProcess.RunAsync("replay", wav, "--Analysis:Phrases:0:Text=zorblax refund");
        Assert.Equal(2, code);
        Assert.Contains("Analysis:Phrases:0:Text", error, StringComparison.Ordinal);
        Assert.Contains("zorblax", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_configuration_key_exits_2_naming_it()
    {
        var wav = TestPaths.Repo("samples/" + FirstSample());
        var (code, _, error) = await EdgeccProcess.RunAsync("replay", wav, "--Analysis:Wrokers=2");
        Assert.Equal(2, code);
        Assert.Contains("Wrokers", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_of_a_file_that_is_not_a_wav_exits_non_zero_with_the_reason()
    {
        var bogus = Path.Combine(Path.GetTempPath(), $"edgecc-bogus-{Guid.NewGuid():N}.wav");
        await File.WriteAllTextAsync(bogus, "this is not audio");
        try
        {
            var (code, _, error) = await EdgeccProcess.RunAsync("replay", bogus);
            Assert.NotEqual(0, code);
            Assert.Contains("RIFF", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(bogus);
        }
    }

    private static string FirstSample()
        => Path.GetFileName(Directory.GetFiles(TestPaths.Repo("samples"), "*.wav").Order(StringComparer.Ordinal).First());
}
