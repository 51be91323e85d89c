using EdgeCc.Agent.Floor;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCc.Agent.Tests.Floor;

public class LightsTestTests
{
    [Fact]
    public async Task The_simulated_test_pattern_walks_every_pixel_digit_module_and_relay()
    {
        var options = new FloorOptions { Strip = { PixelCount = 3 } };
        options.Queues.Add(new QueueOptions { Name = "sales" });
        options.Stations.Add(new StationOptions { Agent = "1001", Pixel = 1 });
        options.Matrices.Add(new MatrixOptions { Modules = 2, Figures = ["alerts"] });
        options.Segments.Add(new SegmentOptions { Figure = "waiting:sales" });
        options.StackLights.Add(new StackLightOptions { Queue = "sales", RedPin = 5, AmberPin = 6, GreenPin = 13 });
        using var output = new StringWriter();

        await LightsTest.RunAsync(options, output, new FakeTimeProvider(), TimeSpan.Zero, CancellationToken.None);

        var lines = output.ToString().Split('\n');
        Assert.Contains("W..", lines);
        Assert.Contains(".W.", lines);
        Assert.Contains("strip pixel 1 (station of agent 1001)", lines);
        Assert.Contains("GGG", lines);
        Assert.Contains("matrix 0 module 1 all dots on", lines);
        Assert.Contains("segment display 0 digit 3: all segments and point", lines);
        Assert.Contains("stack light 0 (queue sales) green relay on GPIO 13", lines);
        Assert.Contains("red=off amber=off green=off buzzer=steady", lines);
        Assert.Equal("lights-test done: 3 pixels, 1 matrices, 1 segment displays, 1 stack lights (simulated)", lines[^2]);
    }
}
