using System.Drawing;
using EdgeCc.Drivers.Max7219;
using EdgeCc.Drivers.StackLight;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Floor;

/// <summary>
/// Renders the floor to the devices every frame: one strip pixel per station in its light's colour
/// (flashing at 4 Hz on the <see cref="TimeProvider"/>), wallboard figures on the matrices and
/// 7-segment displays, and a stack light per queue by thresholds. A display whose write fails is
/// logged, counted and retried with backoff while the others keep working. A frame in which
/// nothing changed writes nothing and allocates nothing.
/// </summary>
internal sealed class LightsService : BackgroundService
{
    /// <summary>Half period of the flash: 125 ms on, 125 ms off, like the stack light's Flash.</summary>
    public static readonly TimeSpan FlashHalfPeriod = TimeSpan.FromMilliseconds(125);

    private static readonly TimeSpan MatrixRotation = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan WallboardRefresh = TimeSpan.FromSeconds(1);

    private readonly FloorState _floor;
    private readonly QueueBoard _queues;
    private readonly FloorDisplays _displays;
    private readonly FloorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<LightsService> _logger;
    private readonly StationLight[] _lights;
    private readonly int[] _pixels;
    private readonly Color[] _palette;
    private readonly DisplayGuard _stripGuard;
    private readonly DisplayGuard[] _matrixGuards;
    private readonly DisplayGuard[] _segmentGuards;
    private readonly DisplayGuard[] _stackGuards;
    private readonly string?[] _matrixText;
    private readonly string?[] _segmentText;
    private readonly WallboardFigure[][] _matrixFigures;
    private readonly WallboardFigure[] _segmentFigures;
    private readonly long _start;
    private long _stripVersion = -1;
    private bool _flashOn;
    private bool _anyFlashing;
    private bool _stripDirty = true;
    private long _queueVersion = -1;
    private long _alertVersion = -1;
    private DateTimeOffset _nextWallboard;

    public LightsService(FloorState floor, QueueBoard queues, FloorDisplays displays, IOptions<FloorOptions> options, TimeProvider time, ILogger<LightsService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _floor = floor;
        _queues = queues;
        _displays = displays;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _start = time.GetTimestamp();
        _lights = new StationLight[floor.StationCount];
        _pixels = new int[_options.Stations.Count];
        for (var i = 0; i < _pixels.Length; i++)
        {
            _pixels[i] = _options.Stations[i].Pixel;
        }

        var b = _options.Strip.Brightness;
        _palette = new Color[5];
        _palette[(int)LightColour.Off] = Color.FromArgb(0, 0, 0);
        _palette[(int)LightColour.Green] = Scale(0, 255, 0, b);
        _palette[(int)LightColour.Amber] = Scale(255, 140, 0, b);
        _palette[(int)LightColour.Red] = Scale(255, 0, 0, b);
        _palette[(int)LightColour.Blue] = Scale(0, 0, 255, b);
        _stripGuard = new DisplayGuard("strip", time);
        _matrixGuards = Guards("matrix", displays.Matrices.Count);
        _segmentGuards = Guards("segment", displays.Segments.Count);
        _stackGuards = Guards("stack-light", displays.StackLights.Count);
        _matrixText = new string?[displays.Matrices.Count];
        _segmentText = new string?[displays.Segments.Count];
        _matrixFigures = new WallboardFigure[displays.Matrices.Count][];
        for (var i = 0; i < _matrixFigures.Length; i++)
        {
            var figures = displays.Matrices[i].Options.Figures;
            _matrixFigures[i] = new WallboardFigure[figures.Count];
            for (var f = 0; f < figures.Count; f++)
            {
                WallboardFigure.TryParse(figures[f], out _matrixFigures[i][f], out _);
            }
        }

        _segmentFigures = new WallboardFigure[displays.Segments.Count];
        for (var i = 0; i < _segmentFigures.Length; i++)
        {
            WallboardFigure.TryParse(displays.Segments[i].Options.Figure, out _segmentFigures[i], out _);
        }

        foreach (var (button, agent) in displays.Buttons)
        {
            button.Pressed += (_, _) =>
            {
                FloorLog.HelpPressed(_logger, agent);
                _floor.PressHelp(agent);
            };
        }
    }

    /// <summary>Failed display writes since start, all displays together (health).</summary>
    public long DisplayFailures
    {
        get
        {
            var total = _stripGuard.Failures;
            foreach (var g in _matrixGuards)
            {
                total += g.Failures;
            }

            foreach (var g in _segmentGuards)
            {
                total += g.Failures;
            }

            foreach (var g in _stackGuards)
            {
                total += g.Failures;
            }

            return total;
        }
    }

    /// <summary>Displays whose last write failed (health).</summary>
    public int FaultedDisplays
    {
        get
        {
            var n = _stripGuard.Faulted ? 1 : 0;
            foreach (var g in _matrixGuards)
            {
                n += g.Faulted ? 1 : 0;
            }

            foreach (var g in _segmentGuards)
            {
                n += g.Faulted ? 1 : 0;
            }

            foreach (var g in _stackGuards)
            {
                n += g.Faulted ? 1 : 0;
            }

            return n;
        }
    }

    /// <summary>Frames in which the strip was written.</summary>
    public long StripWrites { get; private set; }

    /// <summary>One frame: advances the time rules, then writes only what changed.</summary>
    public void RenderFrame()
    {
        _floor.Tick();
        RenderStrip();
        var now = _time.GetUtcNow();
        var alerts = _floor.Version;
        if (_queues.Version != _queueVersion || alerts != _alertVersion || now >= _nextWallboard)
        {
            _queueVersion = _queues.Version;
            _alertVersion = alerts;
            _nextWallboard = now + WallboardRefresh;
            RenderWallboard(now);
        }
    }

    /// <summary>The station path alone: floor lights to strip pixels; the benchmark's "driver write".</summary>
    public void RenderStrip()
    {
        var flashOn = (_time.GetElapsedTime(_start).Ticks / FlashHalfPeriod.Ticks) % 2 == 0;
        var version = _floor.Version;
        if (version == _stripVersion && !_stripDirty && (!_anyFlashing || flashOn == _flashOn))
        {
            return;
        }

        if (!_stripGuard.Ready)
        {
            return;
        }

        _stripVersion = version;
        _flashOn = flashOn;
        _floor.ReadLights(_lights);
        var anyFlashing = false;
        var strip = _displays.Strip;
        try
        {
            for (var i = 0; i < _lights.Length; i++)
            {
                var light = _lights[i];
                anyFlashing |= light.Flashing;
                strip.SetPixel(_pixels[i], light.Flashing && !flashOn ? _palette[0] : _palette[(int)light.Light]);
            }

            strip.Show();
            StripWrites++;
            _anyFlashing = anyFlashing;
            _stripDirty = false;
            if (_stripGuard.Succeeded())
            {
                FloorLog.DisplayRecovered(_logger, _stripGuard.Name, _stripGuard.Failures);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or TimeoutException)
        {
            _stripDirty = true;
            FloorLog.DisplayFailed(_logger, _stripGuard.Name, _stripGuard.Failures + 1, _stripGuard.Failed().TotalSeconds, ex);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(_options.FrameMilliseconds), _time);
        do
        {
            RenderFrame();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private void RenderWallboard(DateTimeOffset now)
    {
        var alerts = 0;
        foreach (var agent in _floor.Snapshot())
        {
            alerts += agent.Light is LightColour.Red or LightColour.Blue ? 1 : 0;
        }

        var elapsed = _time.GetElapsedTime(_start);
        for (var i = 0; i < _matrixFigures.Length; i++)
        {
            var figures = _matrixFigures[i];
            if (figures.Length == 0)
            {
                continue;
            }

            var figure = figures[(int)(elapsed.Ticks / MatrixRotation.Ticks % figures.Length)];
            var text = WallboardText.ForMatrix(figure, figure.Queue is { } q ? _queues.Stats(q) : null, alerts);
            if (text == _matrixText[i])
            {
                continue;
            }

            var display = _displays.Matrices[i].Display;
            if (Write(_matrixGuards[i], () =>
            {
                display.Clear();
                MatrixFont.Draw(display, text, Math.Max(0, (display.Width - MatrixFont.MeasureWidth(text)) / 2));
                display.Show();
            }))
            {
                _matrixText[i] = text;
            }
        }

        for (var i = 0; i < _segmentFigures.Length; i++)
        {
            var figure = _segmentFigures[i];
            var text = WallboardText.ForSegments(figure, figure.Queue is { } q ? _queues.Stats(q) : null, alerts);
            var display = _displays.Segments[i].Display;
            if (text.Length > display.DigitCount + 1)
            {
                text = text.Trim();
            }

            if (text == _segmentText[i])
            {
                continue;
            }

            if (Write(_segmentGuards[i], () =>
            {
                display.Write(text);
                display.Show();
            }))
            {
                _segmentText[i] = text;
            }
        }

        for (var i = 0; i < _displays.StackLights.Count; i++)
        {
            var (light, options) = _displays.StackLights[i];
            var stats = _queues.Stats(options.Queue);
            var target = _options.Queues.Find(q => string.Equals(q.Name, options.Queue, StringComparison.OrdinalIgnoreCase))?.ServiceLevelTarget ?? 0.8;
            var (red, amber, green) = StackPatterns(stats, options, target);
            Write(_stackGuards[i], () =>
            {
                light.Set(StackLamp.Red, red);
                light.Set(StackLamp.Amber, amber);
                light.Set(StackLamp.Green, green);
            });
        }
    }

    /// <summary>Red when the queue is past its red thresholds, amber past amber or below its service level target, else green.</summary>
    internal static (LampPattern Red, LampPattern Amber, LampPattern Green) StackPatterns(QueueStats? stats, StackLightOptions options, double serviceLevelTarget)
    {
        if (stats is null)
        {
            return (LampPattern.Off, LampPattern.Off, LampPattern.Off);
        }

        if (stats.Waiting >= options.RedWaiting || stats.LongestWait >= TimeSpan.FromSeconds(options.RedLongestWaitSeconds))
        {
            // Flash when there are callers and nobody free to take them.
            return (stats.AgentsAvailable == 0 && stats.Waiting > 0 ? LampPattern.Flash : LampPattern.Steady, LampPattern.Off, LampPattern.Off);
        }

        if (stats.Waiting >= options.AmberWaiting || stats.LongestWait >= TimeSpan.FromSeconds(options.AmberLongestWaitSeconds)
            || stats.ServiceLevel < serviceLevelTarget)
        {
            return (LampPattern.Off, LampPattern.Steady, LampPattern.Off);
        }

        return (LampPattern.Off, LampPattern.Off, LampPattern.Steady);
    }

    private bool Write(DisplayGuard guard, Action write)
    {
        if (!guard.Ready)
        {
            return false;
        }

        try
        {
            write();
            if (guard.Succeeded())
            {
                FloorLog.DisplayRecovered(_logger, guard.Name, guard.Failures);
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or TimeoutException)
        {
            FloorLog.DisplayFailed(_logger, guard.Name, guard.Failures + 1, guard.Failed().TotalSeconds, ex);
            return false;
        }
    }

    private DisplayGuard[] Guards(string kind, int count)
    {
        var guards = new DisplayGuard[count];
        for (var i = 0; i < count; i++)
        {
            guards[i] = new DisplayGuard(kind + " " + i.ToString(System.Globalization.CultureInfo.InvariantCulture), _time);
        }

        return guards;
    }

    private static Color Scale(int r, int g, int b, double brightness)
        => Color.FromArgb((int)Math.Round(r * brightness), (int)Math.Round(g * brightness), (int)Math.Round(b * brightness));
}
