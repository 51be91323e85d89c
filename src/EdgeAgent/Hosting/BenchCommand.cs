using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeCc.Agent.Hosting;

/// <summary>
/// <c>bench [NAME]</c>: measures the registered <see cref="ICapacityBench"/> stages on this box
/// and ends with one line an installer can act on: how many calls it can analyse in real time.
/// </summary>
internal static class BenchCommand
{
    public static int Run(CommandLine command, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(output);
        var overrides = new Dictionary<string, string?>(command.Overrides, StringComparer.OrdinalIgnoreCase);
        if (overrides.ContainsKey("Store:DataDirectory"))
        {
            return Measure(command, overrides, output, cancellationToken);
        }

        // The bench's own store holds nothing worth keeping: each run used to leave one directory behind.
        var scratch = Path.Combine(Path.GetTempPath(), "edgecc-bench-" + Environment.ProcessId);
        overrides["Store:DataDirectory"] = scratch;
        try
        {
            return Measure(command, overrides, output, cancellationToken);
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    private static int Measure(CommandLine command, Dictionary<string, string?> overrides, TextWriter output, CancellationToken cancellationToken)
    {
        using var host = Program.BuildHost(new HostSettings
        {
            ConfigFile = command.Get("config"),
            Overrides = overrides,
            MinimumLogLevel = LogLevel.Warning,
        });
        var benches = host.Services.GetServices<ICapacityBench>().ToList();
        var name = command.Arguments.Count > 0 ? command.Arguments[0] : null;
        if (name is not null)
        {
            benches = benches.Where(b => b.Name == name).ToList();
            if (benches.Count == 0)
            {
                var known = string.Join(", ", host.Services.GetServices<ICapacityBench>().Select(b => b.Name));
                throw new CommandLineException($"unknown bench '{name}' (known: {known})");
            }
        }

        if (benches.Count == 0)
        {
            throw new CommandLineException("no benchmarks are registered");
        }

        var figures = new List<CapacityFigure>();
        foreach (var bench in benches)
        {
            figures.Add(bench.Measure(command, output, cancellationToken));
        }

        output.WriteLine(CapacityEstimate.Line(Environment.ProcessorCount, figures));
        return Cli.ExitOk;
    }
}
