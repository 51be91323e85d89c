using EdgeCc.Agent.Audio;
using EdgeCc.Agent.Capture;
using Microsoft.Extensions.Logging;

namespace EdgeCc.Agent.Hosting;

/// <summary><c>replay FILE</c>: one recording through the whole pipeline, then its summary.</summary>
internal static class ReplayCommand
{
    public static async Task<int> RunAsync(CommandLine command, TextWriter output, CancellationToken cancellationToken)
    {
        if (command.Arguments.Count != 1)
        {
            throw new CommandLineException("replay needs exactly one file: edgecc replay FILE");
        }

        var file = Path.GetFullPath(command.Arguments[0]);
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"{file} does not exist", file);
        }

        // A file that cannot be read ends the verb with its reason before anything starts.
        _ = WavReader.Read(file);

        var overrides = new Dictionary<string, string?>(command.Overrides, StringComparer.OrdinalIgnoreCase);
        if (!overrides.ContainsKey("Store:DataDirectory"))
        {
            overrides["Store:DataDirectory"] = Path.Combine(Path.GetTempPath(), "edgecc-replay-" + Environment.ProcessId);
        }

        using var host = Program.BuildHost(new HostSettings
        {
            ConfigFile = command.Get("config"),
            Overrides = overrides,
            MinimumLogLevel = LogLevel.Warning,
        });
        var call = new FileCall(file, Path.GetFileNameWithoutExtension(file), command.Get("agent"), TimeSpan.Zero);
        var summaries = await RecordedRun.PlayAsync(host, [call], command.Has("realtime") ? 1 : 0, cancellationToken).ConfigureAwait(false);
        SummaryTable.Write(output, summaries);
        return Cli.ExitOk;
    }
}
