using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Capture;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Tests.Capture;

public sealed class HeadsetRegistrationTests
{
    [Fact]
    public void Desks_bind_from_the_headsets_section()
    {
        using var provider = Build(new()
        {
            ["Headsets:Desks:0:Desk"] = "14",
            ["Headsets:Desks:0:UsbPort"] = "1-1.3",
            ["Headsets:Desks:0:CustomerChannel"] = "2",
            ["Headsets:Desks:0:SilenceGapSeconds"] = "12",
        });

        var desk = Assert.Single(provider.GetRequiredService<IOptions<HeadsetOptions>>().Value.Desks);

        Assert.Equal(("14", "1-1.3", 2, 12.0), (desk.Desk, desk.UsbPort, desk.CustomerChannel, desk.SilenceGapSeconds));
        Assert.Single(provider.GetRequiredService<HeadsetCaptureService>().Desks);
    }

    [Fact]
    public void A_bad_desk_fails_with_the_key_in_the_message()
    {
        using var provider = Build(new()
        {
            ["Headsets:Desks:0:Desk"] = "14",
            ["Headsets:Desks:0:UsbPort"] = "port three",
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<HeadsetOptions>>().Value);

        Assert.Contains("Headsets:Desks:0:UsbPort 'port three' is not a USB port path like 1-1.3", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<ICallInputSink, HeadsetRecordingSink>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddHeadsets(configuration);
        return services.BuildServiceProvider();
    }
}
