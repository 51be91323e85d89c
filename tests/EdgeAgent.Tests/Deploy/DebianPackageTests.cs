namespace EdgeCc.Agent.Tests.Deploy;

/// <summary>
/// Builds, installs and purges the real amd64 package on this machine (tests run as root here
/// and on CI). Slow: a self-contained publish, 1-3 minutes of wall time on a shared 2-core box.
/// Select it alone with --filter "Cost=slow", or leave it out with --filter "Cost!=slow".
/// </summary>
[Trait("Cost", "slow")]
public class DebianPackageTests
{
    [Fact]
    public async Task Amd64_package_builds_installs_runs_validates_its_config_and_purges_cleanly()
    {
        TestPaths.RequireFile("/usr/bin/dpkg-deb", "dpkg");
        TestPaths.RequireFile("/usr/share/pocketsphinx/model/en-us/en-us", "pocketsphinx-en-us");
        Assert.True(Environment.UserName == "root", "installing the package needs root (dpkg -i)");
        if (RuntimeInformationIsAmd64() is false)
        {
            throw new InvalidOperationException("this test installs the amd64 package; run it on an x86-64 machine");
        }

        var outDir = Directory.CreateTempSubdirectory("edgecc-deb-").FullName;
        try
        {
            var built = await ExternalTool.RunOkAsync(TestPaths.Repo("scripts/build-deb.sh"), "amd64", "--out", outDir);
            var deb = built.Trim().Split('\n')[^1];
            Assert.EndsWith("_amd64.deb", deb, StringComparison.Ordinal);

            var info = await ExternalTool.RunOkAsync("dpkg-deb", "-I", deb);
            Assert.Contains("Package: edgecc", info, StringComparison.Ordinal);
            Assert.Contains("Architecture: amd64", info, StringComparison.Ordinal);
            Assert.Contains("Depends: libpocketsphinx3, pocketsphinx-en-us, libpcap0.8, libasound2", info, StringComparison.Ordinal);
            var conffiles = await ExternalTool.RunOkAsync("dpkg-deb", "--info", deb, "conffiles");
            Assert.Equal("/etc/edgecc/edgecc.json", conffiles.Trim());

            var contents = await ExternalTool.RunOkAsync("dpkg-deb", "-c", deb);
            Assert.Contains("./usr/bin/edgecc -> ../lib/edgecc/edgecc", contents, StringComparison.Ordinal);
            Assert.Contains("./usr/lib/edgecc/edgecc\n", contents, StringComparison.Ordinal);
            Assert.Contains("./usr/lib/edgecc/libcoreclr.so", contents, StringComparison.Ordinal);
            Assert.Contains("./usr/lib/systemd/system/edgecc.service", contents, StringComparison.Ordinal);
            Assert.Contains("./usr/lib/udev/rules.d/60-edgecc.rules", contents, StringComparison.Ordinal);
            Assert.Contains("./etc/edgecc/edgecc.json", contents, StringComparison.Ordinal);
            Assert.DoesNotContain(".pdb", contents, StringComparison.Ordinal);

            await ExternalTool.RunOkAsync("dpkg", "-i", deb);
            try
            {
                var version = await ExternalTool.RunOkAsync("/usr/bin/edgecc", "--version");
                Assert.StartsWith("edgecc ", version, StringComparison.Ordinal);

                // As the service user: the installed config must be readable and the state directory
                // writable by edgecc, not only by root.
                var validate = await ExternalTool.RunOkAsync("setpriv", "--reuid=edgecc", "--regid=edgecc", "--init-groups", "/usr/bin/edgecc", "config", "validate");
                Assert.StartsWith("OK", validate, StringComparison.Ordinal);
                Assert.Contains("/etc/edgecc/edgecc.json", validate, StringComparison.Ordinal);

                var groups = await ExternalTool.RunOkAsync("id", "-nG", "edgecc");
                foreach (var group in new[] { "audio", "gpio", "spi", "i2c" })
                {
                    Assert.Contains(group, groups.Split(' ', StringSplitOptions.TrimEntries));
                }

                // udevadm test parses every rules file and names each bad line as FILE:LINE.
                if (File.Exists("/usr/bin/udevadm"))
                {
                    var (_, udevOut, udevErr) = await ExternalTool.RunAsync("udevadm", "test", "/sys/class/net/lo");
                    var udev = udevOut + udevErr;
                    Assert.Contains("rules.d/60-edgecc.rules", udev, StringComparison.Ordinal);
                    Assert.DoesNotContain("60-edgecc.rules:", udev, StringComparison.Ordinal);
                }

                if (File.Exists("/usr/bin/systemd-analyze"))
                {
                    await ExternalTool.RunOkAsync("systemd-analyze", "verify", "/usr/lib/systemd/system/edgecc.service");
                    var security = await ExternalTool.RunOkAsync("systemd-analyze", "security", "--offline=true", "--no-pager", "/usr/lib/systemd/system/edgecc.service");
                    Assert.True(SystemdUnitTests.Exposure(security) <= SystemdUnitTests.MaxExposure, security);
                }
            }
            finally
            {
                await ExternalTool.RunOkAsync("dpkg", "--purge", "edgecc");
            }

            var (userCode, _, _) = await ExternalTool.RunAsync("getent", "passwd", "edgecc");
            Assert.Equal(2, userCode);
            Assert.False(Directory.Exists("/var/lib/edgecc"), "purge leaves /var/lib/edgecc");
            Assert.False(Directory.Exists("/etc/edgecc"), "purge leaves /etc/edgecc");
            Assert.False(File.Exists("/usr/bin/edgecc"), "purge leaves /usr/bin/edgecc");
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    private static bool RuntimeInformationIsAmd64()
        => System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64;
}
