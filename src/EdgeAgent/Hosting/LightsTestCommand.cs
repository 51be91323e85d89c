using EdgeCc.Agent.Floor;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Hosting;

/// <summary>
/// <c>lights-test [--step MS]</c>: the installer's test pattern on the configured displays. Reads
/// only the Floor section (so it runs before the speech models are installed).
/// </summary>
internal static class LightsTestCommand
{
    public static async Task<int> RunAsync(CommandLine command, TextWriter output, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(command.Get("config") ?? Program.SystemConfigFile, optional: command.Get("config") is null)
            .AddEnvironmentVariables("EDGECC__")
            .AddInMemoryCollection(command.Overrides)
            .Build();
        var services = new ServiceCollection();
        services.AddSectionOptions<FloorOptions>(configuration, FloorOptions.Section);
        services.AddSingleton<IValidateOptions<FloorOptions>, FloorOptionsValidator>();
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<FloorOptions>>().Value;
        var step = command.GetDouble("step", options.Simulated ? 0 : 250);
        if (step < 0)
        {
            throw new CommandLineException("option --step must be 0 or more milliseconds");
        }

        await LightsTest.RunAsync(options, output, TimeProvider.System, TimeSpan.FromMilliseconds(step), cancellationToken).ConfigureAwait(false);
        return Cli.ExitOk;
    }
}
