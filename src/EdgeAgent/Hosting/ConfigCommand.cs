using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeCc.Agent.Hosting;

/// <summary>
/// <c>config validate</c>: loads every configuration source and validates every options class
/// (exit 0 and "OK", or exit 2 and the failures naming their keys, through <see cref="Cli"/>).
/// <c>config show</c>: the effective configuration with the source of each value, secrets masked.
/// </summary>
internal static class ConfigCommand
{
    public static int Run(CommandLine command, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(output);
        var action = command.Arguments.Count == 1 ? command.Arguments[0] : null;
        if (action is not ("validate" or "show"))
        {
            throw new CommandLineException("config needs one of: edgecc config validate | edgecc config show");
        }

        // BuildHost binds and validates every options class registered with ValidateOnStart and
        // checks the data directory; any failure ends here with the message Cli prints.
        using var host = Program.BuildHost(new HostSettings
        {
            ConfigFile = command.Get("config"),
            Overrides = new Dictionary<string, string?>(command.Overrides),
        });
        var configuration = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();
        var entries = ConfigurationSources.Effective(configuration);
        if (action == "validate")
        {
            var sources = entries.Select(e => e.Source).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            output.WriteLine($"OK: configuration is valid ({entries.Count} values from {string.Join(", ", sources)})");
            return Cli.ExitOk;
        }

        var keyWidth = entries.Count == 0 ? 0 : entries.Max(e => e.Key.Length);
        var valueWidth = entries.Count == 0 ? 0 : Math.Min(48, entries.Max(e => e.Value.Length));
        foreach (var entry in entries)
        {
            output.WriteLine($"{entry.Key.PadRight(keyWidth)} = {entry.Value.PadRight(valueWidth)}  # {entry.Source}");
        }

        return Cli.ExitOk;
    }
}
