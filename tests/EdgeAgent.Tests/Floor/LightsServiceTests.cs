using System.Drawing;
using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Audio;
using EdgeCc.Agent.Floor;
using EdgeCc.Agent.Telephony;
using EdgeCc.Drivers.Simulated;
using EdgeCc.Drivers.StackLight;
using EdgeCc.Drivers.Ws2812;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCc.Agent.Tests.Floor;

public class LightsServiceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(T0);

    [Fact]
    public void Each_station_pixel_shows_its_light_and_an_escalation_flashes_on_the_time_provider()
    {
        var (service, floor, _, displays) = Build();
        var strip = (SimulatedPixelStrip)displays.Strip;
        floor.Apply(new CallStarted("c1", T0, "1001", "sip"));
        service.RenderFrame();
        Assert.Equal(Color.FromArgb(0, 255, 0).ToArgb(), strip.Shown(5).ToArgb());
        Assert.Equal(Color.FromArgb(0, 0, 0).ToArgb(), strip.Shown(9).ToArgb());

        floor.Apply(new Detection("c1", Leg.Customer, "speak to a manager", "escalation", -0.8, TimeSpan.Zero, TimeSpan.FromSeconds(1), 0.9));
        service.RenderFrame();
        Assert.Equal(Color.FromArgb(255, 0, 0).ToArgb(), strip.Shown(5).ToArgb());
        _time.Advance(LightsService.FlashHalfPeriod);
        service.RenderFrame();
        Assert.Equal(Color.FromArgb(0, 0, 0).ToArgb(), strip.Shown(5).ToArgb());
        _time.Advance(LightsService.FlashHalfPeriod);
        service.RenderFrame();
        Assert.Equal(Color.FromArgb(255, 0, 0).ToArgb(), strip.Shown(5).ToArgb());

        floor.Acknowledge("1001", "sup");
        var frames = strip.FrameCount;
        service.RenderFrame();
        service.RenderFrame();
        _time.Advance(LightsService.FlashHalfPeriod);
        service.RenderFrame();
        Assert.Equal(frames + 1, strip.FrameCount);
    }

    [Fact]
    public void A_failing_strip_is_counted_retried_after_backoff_and_the_wallboard_keeps_working()
    {
        var (service, floor, queues, displays) = Build();
        var failing = new FailingStrip(240) { Failing = true };
        displays.Strip = failing;
        var segment = (SimulatedSegmentDisplay)displays.Segments[0].Display;

        queues.CallerJoined("sales", "u1");
        queues.CallerJoined("sales", "u2");
        floor.Apply(new CallStarted("c1", T0, "1001", "sip"));
        service.RenderFrame();
        Assert.Equal(1, service.DisplayFailures);
        Assert.Equal(1, service.FaultedDisplays);
        var expected = new SimulatedSegmentDisplay(4);
        expected.Write("   2");
        expected.Show();
        Assert.Equal(expected.Render(), segment.Render());

        service.RenderFrame();
        Assert.Equal(1, failing.Attempts);
        failing.Failing = false;
        _time.Advance(TimeSpan.FromMilliseconds(500));
        service.RenderFrame();
        Assert.Equal(2, failing.Attempts);
        Assert.Equal(0, service.FaultedDisplays);
        Assert.Equal(Color.FromArgb(0, 255, 0).ToArgb(), failing.Pixels[5].ToArgb());
    }

    [Fact]
    public void The_queue_stack_light_follows_waiting_and_longest_wait_thresholds()
    {
        var (service, _, queues, displays) = Build();
        var light = (SimulatedStackLight)displays.StackLights[0].Light;
        service.RenderFrame();
        Assert.Equal("red=off amber=off green=steady buzzer=off", light.Render());

        for (var i = 0; i < 3; i++)
        {
            queues.CallerJoined("sales", "u" + i);
        }

        service.RenderFrame();
        Assert.Equal("red=off amber=steady green=off buzzer=off", light.Render());

        _time.Advance(TimeSpan.FromSeconds(90));
        service.RenderFrame();
        Assert.Equal("red=flash amber=off green=off buzzer=off", light.Render());
    }

    [Fact]
    public void The_matrix_shows_the_configured_figure()
    {
        var (service, _, queues, displays) = Build();
        queues.CallerJoined("sales", "u1");
        service.RenderFrame();
        var matrix = (SimulatedMatrixDisplay)displays.Matrices[0].Display;
        Assert.Contains('#', matrix.Render());
        Assert.Equal(1, matrix.FrameCount);
        service.RenderFrame();
        Assert.Equal(1, matrix.FrameCount);
    }

    private (LightsService Service, FloorState Floor, QueueBoard Queues, FloorDisplays Displays) Build()
    {
        var options = new FloorOptions { Strip = { Brightness = 1.0 } };
        options.Queues.Add(new QueueOptions { Name = "sales" });
        options.Stations.Add(new StationOptions { Agent = "1001", Pixel = 5 });
        options.Stations.Add(new StationOptions { Agent = "1002", Pixel = 9 });
        options.Segments.Add(new SegmentOptions { Figure = "waiting:sales" });
        options.Matrices.Add(new MatrixOptions { Figures = ["waiting:sales"] });
        options.StackLights.Add(new StackLightOptions { Queue = "sales" });
        var wrapped = Options.Create(options);
        var floor = new FloorState(wrapped, _time);
        var queues = new QueueBoard(wrapped, _time);
        var displays = new FloorDisplays(options, _time, output: null);
        return (new LightsService(floor, queues, displays, wrapped, _time, NullLogger<LightsService>.Instance), floor, queues, displays);
    }

    private sealed class FailingStrip(int count) : IPixelStrip
    {
        public Color[] Pixels { get; } = new Color[count];

        public bool Failing { get; set; }

        public int Attempts { get; private set; }

        public int Count => Pixels.Length;

        public void SetPixel(int index, Color color) => Pixels[index] = color;

        public void Clear() => Array.Clear(Pixels);

        public void Show()
        {
            Attempts++;
            if (Failing)
            {
                throw new IOException("spi write failed (test)");
            }
        }
    }
}
