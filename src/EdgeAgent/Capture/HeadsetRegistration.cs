using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Capture;

/// <summary>Registers headset capture: the <c>Headsets</c> options (validated at start) and <see cref="HeadsetCaptureService"/>.</summary>
internal static class HeadsetRegistration
{
    /// <summary>
    /// Adds the options and the capture service. The host must already provide an
    /// <see cref="Analysis.ICallInputSink"/> and a <see cref="TimeProvider"/>. With no desks
    /// configured the service starts and does nothing.
    /// </summary>
    public static IServiceCollection AddHeadsets(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<IValidateOptions<HeadsetOptions>, HeadsetOptionsValidator>();
        services.AddOptions<HeadsetOptions>()
            .Bind(configuration.GetSection(HeadsetOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<HeadsetCaptureService>();
        services.AddHostedService(provider => provider.GetRequiredService<HeadsetCaptureService>());
        return services;
    }
}
