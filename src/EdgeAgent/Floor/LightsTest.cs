using System.Drawing;
using System.Globalization;
using EdgeCc.Drivers.Max7219;
using EdgeCc.Drivers.StackLight;

namespace EdgeCc.Agent.Floor;

/// <summary>
/// The installer's test pattern (<c>lights-test</c>): walks every pixel, lights the strip red,
/// green and blue (a wrong colour order shows at once), every matrix module, every digit and
/// every relay, one at a time, naming each step. Simulated displays print what they show.
/// </summary>
internal static class LightsTest
{
    public static async Task RunAsync(FloorOptions options, TextWriter output, TimeProvider time, TimeSpan step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        using var displays = new FloorDisplays(options, time, options.Simulated ? output : null);
        async Task Step(string what)
        {
            await output.WriteLineAsync(what).ConfigureAwait(false);
            if (step > TimeSpan.Zero)
            {
                await Task.Delay(step, time, cancellationToken).ConfigureAwait(false);
            }
        }

        var strip = displays.Strip;
        var white = Color.FromArgb(80, 80, 80);
        for (var i = 0; i < strip.Count; i++)
        {
            strip.Clear();
            strip.SetPixel(i, white);
            strip.Show();
            var owner = options.Stations.Find(s => s.Pixel == i)?.Agent;
            await Step(string.Create(CultureInfo.InvariantCulture, $"strip pixel {i}{(owner is null ? "" : " (station of agent " + owner + ")")}")).ConfigureAwait(false);
        }

        foreach (var (name, colour) in new[] { ("red", Color.FromArgb(80, 0, 0)), ("green", Color.FromArgb(0, 80, 0)), ("blue", Color.FromArgb(0, 0, 80)) })
        {
            for (var i = 0; i < strip.Count; i++)
            {
                strip.SetPixel(i, colour);
            }

            strip.Show();
            await Step($"strip all {name}: every pixel must be {name} (else Floor:Strip:Order is wrong)").ConfigureAwait(false);
        }

        strip.Clear();
        strip.Show();

        for (var m = 0; m < displays.Matrices.Count; m++)
        {
            var display = displays.Matrices[m].Display;
            for (var module = 0; module < display.Width / 8; module++)
            {
                display.Clear();
                for (var x = module * 8; x < (module + 1) * 8; x++)
                {
                    for (var y = 0; y < display.Height; y++)
                    {
                        display.SetPixel(x, y, true);
                    }
                }

                display.Show();
                await Step(string.Create(CultureInfo.InvariantCulture, $"matrix {m} module {module} all dots on")).ConfigureAwait(false);
            }

            display.Clear();
            display.Show();
        }

        for (var s = 0; s < displays.Segments.Count; s++)
        {
            var display = displays.Segments[s].Display;
            for (var digit = 0; digit < display.DigitCount; digit++)
            {
                var text = new string(' ', digit) + "8." + new string(' ', display.DigitCount - digit - 1);
                display.Write(text);
                display.Show();
                await Step(string.Create(CultureInfo.InvariantCulture, $"segment display {s} digit {digit}: all segments and point")).ConfigureAwait(false);
            }

            display.Write(display.DigitCount == 4 ? "88:88" : new string('8', display.DigitCount));
            display.Show();
            await Step(string.Create(CultureInfo.InvariantCulture, $"segment display {s}: every digit{(display.DigitCount == 4 ? " and the colon" : "")}")).ConfigureAwait(false);
            display.Write("");
            display.Show();
        }

        for (var l = 0; l < displays.StackLights.Count; l++)
        {
            var (light, lightOptions) = displays.StackLights[l];
            foreach (var (lamp, pin) in new[] { (StackLamp.Red, lightOptions.RedPin), (StackLamp.Amber, lightOptions.AmberPin), (StackLamp.Green, lightOptions.GreenPin), (StackLamp.Buzzer, lightOptions.BuzzerPin) })
            {
                if (pin is null && !options.Simulated)
                {
                    continue;
                }

                light.Set(lamp, LampPattern.Steady);
                await Step(string.Create(CultureInfo.InvariantCulture, $"stack light {l} (queue {lightOptions.Queue}) {lamp.ToString().ToLowerInvariant()} relay{(pin is { } p ? " on GPIO " + p.ToString(CultureInfo.InvariantCulture) : "")}")).ConfigureAwait(false);
                light.Set(lamp, LampPattern.Off);
            }
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"lights-test done: {strip.Count} pixels, {displays.Matrices.Count} matrices, {displays.Segments.Count} segment displays, {displays.StackLights.Count} stack lights{(options.Simulated ? " (simulated)" : "")}")).ConfigureAwait(false);
    }
}
