using System.Globalization;
using System.Text.RegularExpressions;

namespace EdgeCc.Agent.Tests.Deploy;

public partial class SystemdUnitTests
{
    private const string SystemdAnalyze = "/usr/bin/systemd-analyze";

    /// <summary>The figure deploy/README.md quotes; the test fails above it.</summary>
    public const double MaxExposure = 3.0;

    [Fact]
    public async Task Unit_passes_systemd_analyze_verify_with_a_real_executable()
    {
        TestPaths.RequireFile(SystemdAnalyze, "systemd");
        var unit = CopyWithRealExecutable(out var dir);
        try
        {
            var (code, output, error) = await ExternalTool.RunAsync(SystemdAnalyze, "verify", unit);
            Assert.True(code == 0, $"systemd-analyze verify: {error}{output}");
            Assert.Equal(string.Empty, error.Trim());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Unit_exposure_from_systemd_analyze_security_is_at_most_3()
    {
        TestPaths.RequireFile(SystemdAnalyze, "systemd");
        var unit = CopyWithRealExecutable(out var dir);
        try
        {
            var output = await ExternalTool.RunOkAsync(SystemdAnalyze, "security", "--offline=true", "--no-pager", unit);
            var exposure = Exposure(output);
            Assert.True(exposure <= MaxExposure, $"exposure {exposure} > {MaxExposure}:\n{output}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Unit_keeps_the_settings_the_dotnet_runtime_and_the_watchdog_depend_on()
    {
        var unit = File.ReadAllLines(TestPaths.Repo("deploy/systemd/edgecc.service"));
        Assert.Contains("Type=notify", unit);
        Assert.Contains("NotifyAccess=main", unit);
        Assert.Contains(unit, l => l.StartsWith("WatchdogSec=", StringComparison.Ordinal));
        // The JIT writes code and then executes it.
        Assert.Contains("MemoryDenyWriteExecute=no", unit);
        // A refused call must fail with an errno the runtime handles, not kill the process.
        Assert.Contains("SystemCallErrorNumber=EPERM", unit);
        Assert.Contains("ExecStart=/usr/lib/edgecc/edgecc run", unit);
    }

    internal static double Exposure(string securityOutput)
    {
        var match = ExposureLine().Match(securityOutput);
        Assert.True(match.Success, "no exposure line in:\n" + securityOutput);
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The unit with ExecStart at the test build's own apphost, so verify can resolve it.</summary>
    private static string CopyWithRealExecutable(out string dir)
    {
        var executable = TestPaths.RequireFile(Path.Combine(AppContext.BaseDirectory, "edgecc"), "(the edgecc apphost is built with the tests)");
        dir = Directory.CreateTempSubdirectory("edgecc-unit-").FullName;
        var lines = File.ReadAllLines(TestPaths.Repo("deploy/systemd/edgecc.service"))
            .Select(l => l.StartsWith("ExecStart=", StringComparison.Ordinal) ? $"ExecStart={executable} run" : l);
        var unit = Path.Combine(dir, "edgecc.service");
        File.WriteAllLines(unit, lines);
        return unit;
    }

    [GeneratedRegex(@"Overall exposure level for edgecc\.service: ([0-9]+\.[0-9]+)")]
    private static partial Regex ExposureLine();
}
