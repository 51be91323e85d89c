using EdgeCc.Agent.Tests.Deploy;

namespace EdgeCc.Agent.Tests.Hosting;

/// <summary>Runs the real <c>edgecc</c> binary (built beside the tests) as a child process.</summary>
internal static class EdgeccProcess
{
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
        => ExternalTool.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "edgecc.dll"), .. args]);
}
