using System.Collections.Concurrent;
using System.Diagnostics;
using EdgeCc.Agent.Tests.Deploy;

namespace EdgeCc.Agent.Tests.Hosting;

/// <summary>Runs the real <c>edgecc</c> binary (built beside the tests) as a child process.</summary>
internal static class EdgeccProcess
{
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
        => ExternalTool.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "edgecc.dll"), .. args]);

    /// <summary>
    /// Starts the binary and returns at once (for a test that stops it itself, e.g. with SIGKILL via
    /// <see cref="Process.Kill()"/>). Everything it prints is collected into <paramref name="output"/>.
    /// </summary>
    public static Process Start(ConcurrentQueue<string> output, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "edgecc.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Collect(output, e.Data);
        process.ErrorDataReceived += (_, e) => Collect(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Collect(ConcurrentQueue<string> output, string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }
}
