using System.Diagnostics;

namespace EdgeCc.Agent.Tests.Deploy;

/// <summary>Runs a real tool (systemd-analyze, dpkg, the installed edgecc) and returns what it printed.</summary>
internal static class ExternalTool
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    public static async Task<string> RunOkAsync(string file, params string[] args)
    {
        var (code, output, error) = await RunAsync(file, args);
        Assert.True(code == 0, $"{file} {string.Join(' ', args)} exited {code}: {error}{output}");
        return output;
    }
}
