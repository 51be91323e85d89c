using EdgeCc.Agent.Floor;
using EdgeCc.Agent.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Tests.Floor;

public class FloorOptionsValidatorTests
{
    [Fact]
    public void Defaults_are_valid_and_simulated()
    {
        var options = Bind([]);
        Assert.True(options.Simulated);
        Assert.Equal(240, options.Strip.PixelCount);
    }

    [Fact]
    public void A_pixel_beyond_the_strip_is_named_by_its_key()
    {
        var failures = Fail(new()
        {
            ["Floor:Strip:PixelCount"] = "240",
            ["Floor:Stations:0:Agent"] = "1001",
            ["Floor:Stations:0:Pixel"] = "300",
        });
        Assert.Contains("Floor:Stations:0:Pixel is 300 but the strip has 240 pixels", failures);
    }

    [Fact]
    public void Two_agents_on_one_station_a_pin_used_twice_and_an_unknown_queue_are_refused()
    {
        var failures = Fail(new()
        {
            ["Floor:Queues:0:Name"] = "sales",
            ["Floor:Stations:0:Agent"] = "1001",
            ["Floor:Stations:0:Pixel"] = "4",
            ["Floor:Stations:0:ButtonPin"] = "17",
            ["Floor:Stations:1:Agent"] = "1002",
            ["Floor:Stations:1:Pixel"] = "4",
            ["Floor:Stations:1:Queue"] = "support",
            ["Floor:StackLights:0:Queue"] = "sales",
            ["Floor:StackLights:0:RedPin"] = "17",
            ["Floor:Segments:0:Figure"] = "waiting:billing",
        });
        Assert.Contains(failures, f => f.StartsWith("Floor:Stations:1:Pixel 4 is already station 0", StringComparison.Ordinal));
        Assert.Contains("Floor:Stations:1:Queue 'support' is not one of Floor:Queues", failures);
        Assert.Contains("Floor:StackLights:0:RedPin is GPIO 17, already used by Floor:Stations:0:ButtonPin", failures);
        Assert.Contains("Floor:Segments:0:Figure: queue 'billing' is not one of Floor:Queues", failures);
    }

    [Fact]
    public void Range_errors_name_the_nested_key()
    {
        var failures = Fail(new() { ["Floor:Strip:Brightness"] = "1.5", ["Floor:Segments:0:Figure"] = "queue-length" });
        Assert.Contains(failures, f => f.StartsWith("Floor:Strip:Brightness:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Floor:Segments:0:Figure: 'queue-length' is not a figure", StringComparison.Ordinal));
    }

    private static FloorOptions Bind(Dictionary<string, string?> values) => Provider(values).GetRequiredService<IOptions<FloorOptions>>().Value;

    private static IEnumerable<string> Fail(Dictionary<string, string?> values)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Bind(values));
        return ex.Failures;
    }

    private static ServiceProvider Provider(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSectionOptions<FloorOptions>(configuration, FloorOptions.Section);
        services.AddSingleton<IValidateOptions<FloorOptions>, FloorOptionsValidator>();
        return services.BuildServiceProvider();
    }
}
