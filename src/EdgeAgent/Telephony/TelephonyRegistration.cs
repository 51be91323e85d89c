using EdgeCc.Agent.Capture;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Telephony;

/// <summary>Registers the capture and telephony stage: options (validated at start), the replay source and the live capture service.</summary>
internal static class TelephonyRegistration
{
    /// <summary>
    /// Binds sections <c>Capture</c> and <c>Telephony</c>, registers <see cref="PcapCallSource"/>
    /// (for <c>replay</c>) and <see cref="SipCaptureService"/> (live, only active when
    /// <c>Capture:Interface</c> is set). The caller registers the <c>ICallInputSink</c>.
    /// </summary>
    public static IServiceCollection AddTelephony(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CaptureOptions>().Bind(configuration.GetSection(CaptureOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CaptureOptions>, CaptureOptionsValidator>());
        services.AddOptions<TelephonyOptions>().Bind(configuration.GetSection(TelephonyOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelephonyOptions>, TelephonyOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PcapCallSource>();
        services.AddSingleton<SipCaptureService>();
        services.AddHostedService(sp => sp.GetRequiredService<SipCaptureService>());
        return services;
    }
}
