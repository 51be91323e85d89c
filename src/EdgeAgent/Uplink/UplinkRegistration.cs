using EdgeCc.Agent.Hosting;
using EdgeCc.Agent.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Uplink;

internal static class UplinkRegistration
{
    /// <summary>
    /// Uplink (section <c>Uplink</c>), remote config handling and caller keys (section <c>Privacy</c>).
    /// Needs <see cref="StoreRegistration.AddStore"/>. <paramref name="remoteConfig"/> is the holder
    /// also added to the configuration builder (<c>builder.Configuration.AddRemoteConfig(remoteConfig)</c>).
    /// The service runs only when <c>Uplink:Enabled</c> is true; everything stays in the outbox otherwise.
    /// </summary>
    public static IServiceCollection AddUplink(this IServiceCollection services, IConfiguration configuration, RemoteConfig remoteConfig)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<UplinkOptions>()
            .Bind(configuration.GetSection(UplinkOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<UplinkOptions>, UplinkOptionsValidator>();
        // An empty secret is valid (the demo has none: no customer keys); a short one is refused at start.
        services.AddOptions<PrivacyOptions>()
            .Bind(configuration.GetSection(PrivacyOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<CallerKey>();
        services.AddSingleton(remoteConfig);
        services.AddSingleton(sp => new RemoteConfigHandler(
            sp.GetRequiredService<RemoteConfig>(),
            sp.GetRequiredService<ConfigHistory>(),
            sp.GetRequiredService<IOptions<UplinkOptions>>().Value,
            sp.GetServices<IRemoteConfigValidator>(),
            sp.GetService<IConfiguration>(),
            sp.GetRequiredService<ILogger<RemoteConfigHandler>>()));
        services.AddSingleton<UplinkService>();
        services.AddHostedService(sp => new UplinkHost(sp.GetRequiredService<UplinkService>(), sp.GetRequiredService<RemoteConfigHandler>(), sp.GetRequiredService<IOptions<UplinkOptions>>()));

        // Several boxes, one floor (section SiteFloor): this box's part of the floor and its
        // metrics go out through the outbox; the site's wallboard host also subscribes to the
        // others. The floor, queues and stages they read are optional, so a host without them
        // (a test's, a tool's) still builds; each service idles unless the uplink is enabled.
        services.AddSectionOptions<SiteFloorOptions>(configuration, SiteFloorOptions.Section);
        services.AddSingleton<IValidateOptions<SiteFloorOptions>, SiteFloorOptionsValidator>();
        services.AddSingleton<FloorPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<FloorPublisher>());
        services.AddSingleton<MetricsPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<MetricsPublisher>());
        services.AddSingleton<SiteFloor>();
        services.AddSingleton<SiteFloorSubscriber>();
        services.AddHostedService(sp => sp.GetRequiredService<SiteFloorSubscriber>());
        return services;
    }

    /// <summary>Adds the remote config overlay last, so what central sets wins over appsettings for the sections it may set.</summary>
    public static IConfigurationBuilder AddRemoteConfig(this IConfigurationBuilder builder, RemoteConfig remoteConfig)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(remoteConfig);
        return builder.Add(remoteConfig);
    }

    /// <summary>Lets a remote config change <typeparamref name="TOptions"/> only if it passes that section's validation.</summary>
    public static IServiceCollection AddRemoteConfigValidation<TOptions>(this IServiceCollection services, string section)
        where TOptions : class, new()
    {
        services.AddSingleton<IRemoteConfigValidator>(sp => new OptionsRemoteConfigValidator<TOptions>(section, sp.GetServices<IValidateOptions<TOptions>>()));
        return services;
    }
}
