using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Store;

internal static class StoreRegistration
{
    /// <summary>
    /// The store (section <c>Store</c>), its record stores, retention and <see cref="StoreService"/>.
    /// The caller registers the <c>StageChannel&lt;CallSummary&gt;</c> singleton the service reads.
    /// </summary>
    public static IServiceCollection AddStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<StoreOptions>()
            .Bind(configuration.GetSection(StoreOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>();
        services.AddSingleton(sp => new EdgeDatabase(
            sp.GetRequiredService<IOptions<StoreOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<EdgeDatabase>>()));
        services.AddSingleton(sp => new Outbox(sp.GetRequiredService<EdgeDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new SummaryStore(sp.GetRequiredService<EdgeDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new AlertStore(sp.GetRequiredService<EdgeDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new MetricsStore(sp.GetRequiredService<EdgeDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new ConfigHistory(sp.GetRequiredService<EdgeDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new Retention(
            sp.GetRequiredService<EdgeDatabase>(),
            sp.GetRequiredService<IOptions<StoreOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<Retention>>()));
        services.AddHostedService<StoreService>();
        services.AddHostedService<RetentionService>();
        return services;
    }
}
