using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Capture;
using EdgeCc.Agent.Floor;
using EdgeCc.Agent.Hosting;
using EdgeCc.Agent.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent;

/// <summary>The composition root: every service of every verb is registered here.</summary>
internal static class Program
{
    /// <summary>The machine-wide configuration file (deploy/ has a commented example).</summary>
    public const string SystemConfigFile = "/etc/edgecc/edgecc.json";

    public static Task<int> Main(string[] args) => Cli.RunAsync(args);

    public static IHost BuildHost(HostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = AppContext.BaseDirectory,
        });

        var configuration = builder.Configuration;
        configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false);
        if (settings.ConfigFile is { } file)
        {
            configuration.AddJsonFile(file, optional: false);
        }
        else
        {
            configuration.AddJsonFile(SystemConfigFile, optional: true);
        }

        configuration.AddEnvironmentVariables("EDGECC__");
        configuration.AddInMemoryCollection(settings.Overrides);
        if (settings.MinimumLogLevel > LogLevel.Information)
        {
            // Verbs that own the terminal (demo, replay) keep the log to warnings and errors.
            configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = settings.MinimumLogLevel.ToString(),
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = settings.MinimumLogLevel.ToString(),
            });
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddConfiguration(configuration.GetSection("Logging"));
        // Logs go to stderr: stdout belongs to the verbs' output (floor view, tables); under
        // systemd both end up in the journal.
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddSystemd();
        builder.Services.TryAddSingleton<ISystemdNotifier, SystemdNotifier>();

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);

        // Options, validated at start with messages that name the key.
        services.AddSectionOptions<AnalysisOptions>(configuration, AnalysisOptions.Section);
        services.AddSingleton<IValidateOptions<AnalysisOptions>, AnalysisOptionsValidator>();
        services.AddSectionOptions<FloorOptions>(configuration, FloorOptions.Section);
        services.AddSingleton<IValidateOptions<FloorOptions>, FloorOptionsValidator>();

        // Stage channels: analysis input is owned by AnalysisPipeline (one queue per worker).
        services.AddSingleton(new StageChannel<AnalysisEvent>("floor-events", 10_000, OverflowPolicy.Wait));
        services.AddSingleton(new StageChannel<CallSummary>("summaries", 1_000, OverflowPolicy.Wait));

        // Capture
        services.AddSingleton<FileCallSource>();

        // Analysis
        services.AddSingleton<SpotterPool>();
        services.AddSingleton<AnalysisPipeline>();
        services.AddSingleton<ICallInputSink>(sp => sp.GetRequiredService<AnalysisPipeline>());

        // Store first: hosted services stop in reverse order, so the store is the last to stop
        // and drains every summary that analysis hands it while shutting down.
        services.AddStore(configuration);
        services.AddHostedService<AnalysisService>();

        // Floor
        services.AddSingleton<FloorState>();
        services.AddHostedService<FloorService>();
        services.AddSingleton<QueueBoard>();
        services.AddSingleton<SipQueueView>();
        services.AddSingleton<AmiQueueFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<AmiQueueFeed>());
        services.AddSingleton<FloorDisplays>();
        services.AddSingleton<LightsService>();
        services.AddHostedService(sp => sp.GetRequiredService<LightsService>());
        services.AddSingleton<FloorHealth>();
        if (settings.TerminalFloorView)
        {
            services.AddSingleton<TerminalFloorView>();
        }

        // Health
        services.AddSingleton<PipelineStages>();
        services.AddHostedService<WatchdogService>();

        var host = builder.Build();

        // Validate every options class now, so a bad key ends the verb with one clear message
        // instead of a host start-up failure with a stack trace.
        host.Services.GetService<IStartupValidator>()?.Validate();
        return host;
    }
}
