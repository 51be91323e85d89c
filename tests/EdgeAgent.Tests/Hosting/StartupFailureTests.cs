namespace EdgeCc.Agent.Tests.Hosting;

/// <summary>Bad environments end the real binary with one line naming the cause, no stack trace.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class StartupFailureTests
{
    [Fact]
    public async Task Run_with_a_missing_config_file_exits_1_with_one_line_naming_the_file()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"edgecc-missing-{Guid.NewGuid():N}.json");
        var (code, _, error) = await EdgeccProcess.RunAsync("run", "--config", missing);
        Assert.Equal(1, code);
        Assert.Equal($"edgecc: configuration file {missing} (--config) does not exist", error.Trim());
    }

    [Fact]
    public async Task Run_with_an_unreadable_config_file_exits_1_naming_the_file_and_the_user()
    {
        var dir = Directory.CreateTempSubdirectory("edgecc-conf-");
        try
        {
            var config = Path.Combine(dir.FullName, "edgecc.json");
            await File.WriteAllTextAsync(config, "{}");
            File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.SetUnixFileMode(dir.FullName, (UnixFileMode)0x1ED); // 0755: the file, not the folder, is closed
            var (code, _, error) = await RunAsNobodyAsync("run", "--config", config);
            Assert.Equal(1, code);
            Assert.Single(error.Trim().Split('\n'));
            Assert.StartsWith($"edgecc: configuration file {config} (--config) is not readable by user nobody (mode 0600)", error.Trim(), StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Run_with_a_data_directory_it_cannot_write_exits_1_with_one_line_naming_the_key()
    {
        var dir = Directory.CreateTempSubdirectory("edgecc-ro-");
        try
        {
            File.SetUnixFileMode(dir.FullName, (UnixFileMode)0x16D); // 0555, owned by root
            var (code, _, error) = await RunAsNobodyAsync("run", "--Store:DataDirectory=" + dir.FullName);
            Assert.Equal(1, code);
            Assert.Single(error.Trim().Split('\n'));
            Assert.StartsWith($"edgecc: data directory {dir.FullName} (Store:DataDirectory) is not writable by user nobody (mode 0555)", error.Trim(), StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The tests run as root (here and on CI), who may write anywhere; the service runs as its own
    /// user, so the permission cases run the binary as nobody.
    /// </summary>
    private static Task<(int ExitCode, string Output, string Error)> RunAsNobodyAsync(params string[] args)
    {
        if (Environment.UserName != "root")
        {
            return EdgeccProcess.RunAsync(args);
        }

        var dotnet = Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "/usr/bin/dotnet";
        string[] wrapped = ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "env", "HOME=/tmp", "DOTNET_CLI_TELEMETRY_OPTOUT=1", dotnet, Path.Combine(AppContext.BaseDirectory, "edgecc.dll"), .. args];
        return Deploy.ExternalTool.RunAsync("setpriv", wrapped);
    }
}
