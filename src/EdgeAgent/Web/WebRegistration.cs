using EdgeCc.Agent.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Web;

internal static class WebRegistration
{
    /// <summary>
    /// Health, metrics and the wallboard (section <c>Web</c>). Register it after the pipeline and the
    /// store: hosted services start in order, so the server answers only once they have started,
    /// and it stops first.
    /// </summary>
    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSectionOptions<WebOptions>(configuration, WebOptions.Section);
        services.AddSingleton<IValidateOptions<WebOptions>, WebOptionsValidator>();
        services.AddSingleton<WallboardFeed>();
        services.AddSingleton<BoxHealth>();
        services.AddSingleton<IComponentHealthSource, MqttHealthSource>();
        services.AddSingleton<MetricsWriter>();
        services.AddSingleton<IAlertAcknowledger, StoreAlertAcknowledger>();
        services.AddSingleton<IAlertAcknowledger, FloorAlertAcknowledger>();
        services.AddSingleton<WebRequestHandler>();
        services.AddSingleton<WebServer>();
        services.AddHostedService(sp => sp.GetRequiredService<WebServer>());
        return services;
    }
}
