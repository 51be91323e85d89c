using EdgeCc.Agent.Hosting;

namespace EdgeCc.Agent.Tests.Hosting;

public class ConfigCommandTests
{
    [Fact]
    public async Task Config_validate_accepts_the_commented_example_config_and_prints_OK()
    {
        var data = Directory.CreateTempSubdirectory("edgecc-config-");
        try
        {
            var (code, output, error) = await EdgeccProcess.RunAsync(
                "config", "validate", "--config", TestPaths.Repo("deploy/edgecc.example.jsonc"), "--Store:DataDirectory=" + data.FullName);
            Assert.True(code == 0, error);
            Assert.StartsWith("OK: configuration is valid", output, StringComparison.Ordinal);
            Assert.Contains("edgecc.example.jsonc", output, StringComparison.Ordinal);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Config_validate_exits_2_naming_every_bad_key()
    {
        var data = Directory.CreateTempSubdirectory("edgecc-config-");
        try
        {
            var (code, output, error) = await EdgeccProcess.RunAsync(
                "config", "validate", "--Store:DataDirectory=" + data.FullName, "--Analysis:QueueCapacity=3", "--Store:MetricsMaxAge=-00:01:00");
            Assert.Equal(2, code);
            Assert.Equal(string.Empty, output);
            Assert.StartsWith("edgecc: configuration error:", error, StringComparison.Ordinal);
            Assert.Contains("Analysis:QueueCapacity", error, StringComparison.Ordinal);
            Assert.Contains("Store:MetricsMaxAge", error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Config_show_names_the_source_of_each_value_and_masks_secrets()
    {
        var data = Directory.CreateTempSubdirectory("edgecc-config-");
        try
        {
            var (code, output, error) = await EdgeccProcess.RunAsync(
                "config", "show", "--config", TestPaths.Repo("deploy/edgecc.example.jsonc"),
                "--Store:DataDirectory=" + data.FullName, "--Uplink:Password=hunter2", "--Uplink:ClientKeyPath=/etc/edgecc/client.key");
            Assert.True(code == 0, error);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Contains(lines, l => l.StartsWith("Store:DataDirectory", StringComparison.Ordinal) && l.EndsWith("# command line", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("Store:FileName", StringComparison.Ordinal) && l.EndsWith("edgecc.example.jsonc", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("Analysis:Phrases:0:Text", StringComparison.Ordinal) && l.EndsWith("appsettings.json", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("Uplink:Password", StringComparison.Ordinal) && l.Contains("= ***", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("Uplink:ClientKeyPath", StringComparison.Ordinal) && l.Contains("/etc/edgecc/client.key", StringComparison.Ordinal));
            Assert.DoesNotContain("hunter2", output, StringComparison.Ordinal);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("Uplink:Password", true)]
    [InlineData("Uplink:ClientSecret", true)]
    [InlineData("Web:ApiKey", true)]
    [InlineData("Uplink:Tls:PrivateKey", true)]
    [InlineData("Uplink:Token", true)]
    [InlineData("Uplink:Tls:KeyPath", false)]
    [InlineData("Uplink:Tls:ClientKeyFile", false)]
    [InlineData("Store:DataDirectory", false)]
    [InlineData("Uplink:PasswordHint:Text", false)]
    public void Secret_keys_are_recognised_by_their_last_segment(string key, bool secret)
        => Assert.Equal(secret, ConfigurationSources.IsSecret(key));
}
