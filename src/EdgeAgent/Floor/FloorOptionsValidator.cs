using System.Globalization;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Floor;

/// <summary>Cross-field rules of <see cref="FloorOptions"/>, each failure naming its key.</summary>
internal sealed class FloorOptionsValidator : IValidateOptions<FloorOptions>
{
    public ValidateOptionsResult Validate(string? name, FloorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var queues = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Queues.Count; i++)
        {
            if (!queues.Add(options.Queues[i].Name))
            {
                failures.Add(Key($"Floor:Queues:{i}:Name '{options.Queues[i].Name}' is already queue {IndexOf(options.Queues, options.Queues[i].Name)}"));
            }
        }

        var pixels = new Dictionary<int, int>();
        var agents = new Dictionary<string, int>(StringComparer.Ordinal);
        var pins = new Dictionary<int, string>();
        for (var i = 0; i < options.Stations.Count; i++)
        {
            var station = options.Stations[i];
            if (station.Pixel >= options.Strip.PixelCount)
            {
                failures.Add(Key($"Floor:Stations:{i}:Pixel is {station.Pixel} but the strip has {options.Strip.PixelCount} pixels"));
            }

            if (!pixels.TryAdd(station.Pixel, i))
            {
                failures.Add(Key($"Floor:Stations:{i}:Pixel {station.Pixel} is already station {pixels[station.Pixel]} (agent '{options.Stations[pixels[station.Pixel]].Agent}'): two agents on one station"));
            }

            if (station.Agent.Length > 0 && !agents.TryAdd(station.Agent, i))
            {
                failures.Add(Key($"Floor:Stations:{i}:Agent '{station.Agent}' already has station {agents[station.Agent]}"));
            }

            if (station.Queue is { } queue && !queues.Contains(queue))
            {
                failures.Add(Key($"Floor:Stations:{i}:Queue '{queue}' is not one of Floor:Queues"));
            }

            ClaimPin(pins, station.ButtonPin, $"Floor:Stations:{i}:ButtonPin", failures);
        }

        for (var i = 0; i < options.StackLights.Count; i++)
        {
            var light = options.StackLights[i];
            var key = $"Floor:StackLights:{i}";
            if (!queues.Contains(light.Queue))
            {
                failures.Add(Key($"{key}:Queue '{light.Queue}' is not one of Floor:Queues"));
            }

            if (light.RedWaiting < light.AmberWaiting)
            {
                failures.Add(Key($"{key}:RedWaiting is {light.RedWaiting} but AmberWaiting is {light.AmberWaiting}; red must not come before amber"));
            }

            if (light.RedLongestWaitSeconds < light.AmberLongestWaitSeconds)
            {
                failures.Add(Key($"{key}:RedLongestWaitSeconds is {light.RedLongestWaitSeconds} but AmberLongestWaitSeconds is {light.AmberLongestWaitSeconds}"));
            }

            ClaimPin(pins, light.RedPin, key + ":RedPin", failures);
            ClaimPin(pins, light.AmberPin, key + ":AmberPin", failures);
            ClaimPin(pins, light.GreenPin, key + ":GreenPin", failures);
            ClaimPin(pins, light.BuzzerPin, key + ":BuzzerPin", failures);
        }

        // SPI0 MOSI (GPIO 10), SCLK (11), CE0 (8), CE1 (7) and I2C1 SDA/SCL (2, 3) carry the displays.
        foreach (var busPin in (ReadOnlySpan<int>)[2, 3, 7, 8, 10, 11])
        {
            if (pins.TryGetValue(busPin, out var owner))
            {
                failures.Add(Key($"{owner} is GPIO {busPin}, which the SPI0/I2C1 displays use"));
            }
        }

        for (var i = 0; i < options.Matrices.Count; i++)
        {
            for (var f = 0; f < options.Matrices[i].Figures.Count; f++)
            {
                CheckFigure(options.Matrices[i].Figures[f], $"Floor:Matrices:{i}:Figures:{f}", queues, failures);
            }

            if (options.Matrices[i].SpiBus == options.Strip.SpiBus && options.Matrices[i].ChipSelect == options.Strip.ChipSelect)
            {
                failures.Add(Key($"Floor:Matrices:{i}:ChipSelect {options.Matrices[i].ChipSelect} is the strip's (Floor:Strip:ChipSelect)"));
            }
        }

        var addresses = new Dictionary<(int, int), int>();
        for (var i = 0; i < options.Segments.Count; i++)
        {
            var segment = options.Segments[i];
            CheckFigure(segment.Figure, $"Floor:Segments:{i}:Figure", queues, failures);
            if (!addresses.TryAdd((segment.I2cBus, segment.Address), i))
            {
                failures.Add(Key($"Floor:Segments:{i}:Address 0x{segment.Address:X2} is already display {addresses[(segment.I2cBus, segment.Address)]}'s"));
            }
        }

        if (options.Rules.SentimentRed > options.Rules.SentimentAmber)
        {
            failures.Add(Key($"Floor:Rules:SentimentRed is {options.Rules.SentimentRed} but SentimentAmber is {options.Rules.SentimentAmber}; red must be the lower one"));
        }

        if (options.Rules.ArousalRed < options.Rules.ArousalAmber)
        {
            failures.Add(Key($"Floor:Rules:ArousalRed is {options.Rules.ArousalRed} but ArousalAmber is {options.Rules.ArousalAmber}; red must be the higher one"));
        }

        if (options.Ami.ReconnectMaxSeconds < options.Ami.ReconnectMinSeconds)
        {
            failures.Add(Key($"Floor:Ami:ReconnectMaxSeconds is {options.Ami.ReconnectMaxSeconds} but ReconnectMinSeconds is {options.Ami.ReconnectMinSeconds}"));
        }

        if (options.Ami.Enabled && options.Ami.Username.Length == 0)
        {
            failures.Add("Floor:Ami:Username is required when Floor:Ami:Enabled is true");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckFigure(string text, string key, HashSet<string> queues, List<string> failures)
    {
        if (!WallboardFigure.TryParse(text, out var figure, out var reason))
        {
            failures.Add($"{key}: {reason}");
        }
        else if (figure.Queue is { } queue && !queues.Contains(queue))
        {
            failures.Add($"{key}: queue '{queue}' is not one of Floor:Queues");
        }
    }

    private static void ClaimPin(Dictionary<int, string> pins, int? pin, string key, List<string> failures)
    {
        if (pin is not { } p)
        {
            return;
        }

        if (!pins.TryAdd(p, key))
        {
            failures.Add(Key($"{key} is GPIO {p}, already used by {pins[p]}"));
        }
    }

    private static int IndexOf(List<QueueOptions> queues, string name)
        => queues.FindIndex(q => string.Equals(q.Name, name, StringComparison.OrdinalIgnoreCase));

    private static string Key(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
