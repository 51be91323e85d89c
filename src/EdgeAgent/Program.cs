using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Capture;
using EdgeCc.Agent.Floor;
using EdgeCc.Agent.Hosting;
using EdgeCc.Agent.Store;
using EdgeCc.Agent.Telephony;
using EdgeCc.Agent.Uplink;
using EdgeCc.Agent.Web;
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

        StartupChecks.ConfigFile(settings.ConfigFile);
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

        // Configuration pushed by central over MQTT (validated before it gets here) wins over files.
        var remoteConfig = new RemoteConfig();
        configuration.AddRemoteConfig(remoteConfig);
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
        // AddSystemd enables its lifetime only when it detects systemd as the parent (or via
        // SYSTEMD_EXEC_PID, depending on the version); anything that hands us NOTIFY_SOCKET (a
        // container manager, a test) must get READY=1 and STOPPING=1 as well.
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NOTIFY_SOCKET")))
        {
            builder.Services.AddSingleton<IHostLifetime, SystemdLifetime>();
        }


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
        services.AddSingleton(sp => new TopicTrendDetector(
            sp.GetRequiredService<IOptions<AnalysisOptions>>().Value.TopicTrends, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<AnalysisPipeline>();
        services.AddSingleton<ICallInputSink>(sp => sp.GetRequiredService<AnalysisPipeline>());

        // Store first: hosted services stop in reverse order, so the store is the last to stop
        // and drains every summary that analysis hands it while shutting down.
        services.AddStore(configuration);
        services.AddHostedService<AnalysisService>();

        // Uplink: the outbox to central analytics over MQTT, and remote configuration back.
        services.AddUplink(configuration, remoteConfig);
        services.AddRemoteConfigValidation<AnalysisOptions>(AnalysisOptions.Section);

        // Capture: SPAN-port SIP/RTP and USB headsets (each idle unless configured). Registered
        // after analysis, so they stop first and analysis sees the calls they end.
        services.AddTelephony(configuration);
        services.AddHeadsets(configuration);

        // Floor
        services.AddSingleton<FloorState>();
        services.AddHostedService<FloorService>();
        services.AddSingleton<AlertRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertRecorder>());
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

        // Capacity benchmarks (edgecc bench): each stage adds its own.
        services.AddSingleton<ICapacityBench, AnalysisBench>();

        // Web: health, metrics, wallboard. Last, so it starts after the pipeline and stops first.
        services.AddWeb(configuration);

        var host = builder.Build();

        // Validate every options class now, so a bad key ends the verb with one clear message
        // instead of a host start-up failure with a stack trace.
        host.Services.GetService<IStartupValidator>()?.Validate();
        StartupChecks.DataDirectory(host.Services.GetRequiredService<IOptions<StoreOptions>>().Value);
        WebServer.EnsureAddressesFree(host.Services.GetRequiredService<IOptions<WebOptions>>().Value);
        return host;
    }
}
