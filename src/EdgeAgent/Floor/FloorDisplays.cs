using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Spi;
using EdgeCc.Drivers.Button;
using EdgeCc.Drivers.Ht16k33;
using EdgeCc.Drivers.Max7219;
using EdgeCc.Drivers.Simulated;
using EdgeCc.Drivers.StackLight;
using EdgeCc.Drivers.Ws2812;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Floor;

/// <summary>
/// The floor's output devices, built from <see cref="FloorOptions"/>: simulated ones (rendering to
/// text, or only keeping their state) or the real drivers on SPI0, I2C1 and GPIO. Owns and disposes them.
/// </summary>
internal sealed class FloorDisplays : IDisposable
{
    private readonly List<IDisposable> _owned = [];
    private readonly GpioController? _gpio;

    public FloorDisplays(IOptions<FloorOptions> options, TimeProvider time)
        : this(options?.Value ?? throw new ArgumentNullException(nameof(options)), time, output: null)
    {
    }

    /// <summary>Builds the devices; simulated ones write each frame to <paramref name="output"/> when given.</summary>
    internal FloorDisplays(FloorOptions options, TimeProvider time, TextWriter? output)
    {
        ArgumentNullException.ThrowIfNull(options);
        Simulated = options.Simulated;
        if (options.Simulated)
        {
            Strip = new SimulatedPixelStrip(options.Strip.PixelCount, output, ansiColors: false);
            foreach (var m in options.Matrices)
            {
                Matrices.Add((new SimulatedMatrixDisplay(m.Modules * 8, 8, output), m));
            }

            foreach (var s in options.Segments)
            {
                Segments.Add((new SimulatedSegmentDisplay(s.Digits, output), s));
            }

            foreach (var l in options.StackLights)
            {
                StackLights.Add((new SimulatedStackLight(output), l));
            }

            return;
        }

        try
        {
            var strip = new Ws2812Strip(SpiDevice.Create(Ws2812Strip.CreateSpiSettings(options.Strip.SpiBus, options.Strip.ChipSelect)), options.Strip.PixelCount, options.Strip.Chip, options.Strip.Order);
            _owned.Add(strip);
            Strip = strip;
            foreach (var m in options.Matrices)
            {
                var matrix = new Max7219Matrix(SpiDevice.Create(Max7219Matrix.CreateSpiSettings(m.SpiBus, m.ChipSelect)), m.Modules);
                _owned.Add(matrix);
                matrix.Init();
                Matrices.Add((matrix, m));
            }

            foreach (var s in options.Segments)
            {
                var segment = new Ht16k33Segment(I2cDevice.Create(Ht16k33Segment.CreateI2cSettings(s.I2cBus, s.Address)));
                _owned.Add(segment);
                segment.Init();
                Segments.Add((segment, s));
            }

            _gpio = new GpioController();
            foreach (var l in options.StackLights)
            {
                var light = new GpioStackLight(_gpio, new StackLightPins(l.RedPin, l.AmberPin, l.GreenPin, l.BuzzerPin), time, l.ActiveLow, shouldDispose: false);
                _owned.Add(light);
                light.Init();
                StackLights.Add((light, l));
            }

            foreach (var station in options.Stations)
            {
                if (station.ButtonPin is { } pin)
                {
                    var button = new GpioButton(_gpio, pin, time, shouldDispose: false);
                    _owned.Add(button);
                    button.Init();
                    Buttons.Add((button, station.Agent));
                }
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public bool Simulated { get; }

    public IPixelStrip Strip { get; internal set; } = null!;

    public List<(IMatrixDisplay Display, MatrixOptions Options)> Matrices { get; } = [];

    public List<(ISegmentDisplay Display, SegmentOptions Options)> Segments { get; } = [];

    public List<(IStackLight Light, StackLightOptions Options)> StackLights { get; } = [];

    public List<(IButton Button, string Agent)> Buttons { get; } = [];

    public void Dispose()
    {
        foreach (var device in _owned)
        {
            device.Dispose();
        }

        _owned.Clear();
        _gpio?.Dispose();
    }
}
