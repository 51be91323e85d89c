using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Capture;

/// <summary>Cross-field rules for <see cref="HeadsetOptions"/>; every message names the key, e.g. <c>Headsets:Desks:2:UsbPort</c>.</summary>
internal sealed partial class HeadsetOptionsValidator : IValidateOptions<HeadsetOptions>
{
    private static readonly int[] SupportedRates = [8_000, 16_000, 32_000, 44_100, 48_000, 96_000];

    public ValidateOptionsResult Validate(string? name, HeadsetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var desks = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var ports = new Dictionary<string, int>(StringComparer.Ordinal);
        if (options.RetryMaxSeconds < options.RetryInitialSeconds)
        {
            failures.Add($"{HeadsetOptions.Section}:RetryMaxSeconds ({options.RetryMaxSeconds}) is below {HeadsetOptions.Section}:RetryInitialSeconds ({options.RetryInitialSeconds})");
        }

        if (options.AlsaConfigPath is { Length: > 0 } config && !File.Exists(config))
        {
            failures.Add($"{HeadsetOptions.Section}:AlsaConfigPath '{config}' does not exist");
        }

        for (var i = 0; i < options.Desks.Count; i++)
        {
            var desk = options.Desks[i];
            var key = string.Create(CultureInfo.InvariantCulture, $"{HeadsetOptions.Section}:Desks:{i}");
            if (desk is null)
            {
                failures.Add($"{key} is empty");
                continue;
            }

            if (string.IsNullOrWhiteSpace(desk.Desk))
            {
                failures.Add($"{key}:Desk is required");
            }
            else if (desks.TryGetValue(desk.Desk, out var first))
            {
                failures.Add($"{key}:Desk '{desk.Desk}' is already used by {HeadsetOptions.Section}:Desks:{first}");
            }
            else
            {
                desks[desk.Desk] = i;
            }

            if (string.IsNullOrWhiteSpace(desk.UsbPort) && string.IsNullOrWhiteSpace(desk.PcmName))
            {
                failures.Add($"{key} needs UsbPort (e.g. \"1-1.3\") or PcmName");
            }

            if (!string.IsNullOrWhiteSpace(desk.UsbPort))
            {
                if (!UsbPortPattern().IsMatch(desk.UsbPort))
                {
                    failures.Add($"{key}:UsbPort '{desk.UsbPort}' is not a USB port path like 1-1.3");
                }
                else if (ports.TryGetValue(desk.UsbPort, out var other))
                {
                    failures.Add($"{key}:UsbPort '{desk.UsbPort}' is already used by {HeadsetOptions.Section}:Desks:{other}");
                }
                else
                {
                    ports[desk.UsbPort] = i;
                }
            }

            if (desk.CustomerChannel is { } channel)
            {
                if (channel is < 2 or > 8)
                {
                    failures.Add($"{key}:CustomerChannel is {channel} but must be 2..8 (channel 1 is the agent's mic)");
                }
                else if (desk.Channels != 0 && channel > desk.Channels)
                {
                    failures.Add($"{key}:CustomerChannel is {channel} but {key}:Channels is {desk.Channels}");
                }
            }

            if (desk.Channels is < 0 or > 8)
            {
                failures.Add($"{key}:Channels is {desk.Channels} but must be 0 (automatic) or 1..8");
            }

            if (desk.SampleRate != 0 && Array.IndexOf(SupportedRates, desk.SampleRate) < 0)
            {
                failures.Add($"{key}:SampleRate is {desk.SampleRate} but must be 0 (automatic) or one of {string.Join(", ", SupportedRates)}");
            }

            if (desk.SilenceGapSeconds is < 1 or > 600)
            {
                failures.Add($"{key}:SilenceGapSeconds is {desk.SilenceGapSeconds} but must be 1..600");
            }

            if (desk.VoiceThresholdDbfs is < -90 or > 0)
            {
                failures.Add($"{key}:VoiceThresholdDbfs is {desk.VoiceThresholdDbfs} but must be -90..0");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // sysfs names USB devices bus-port[.port...]: "1-1", "3-2.4.1" (USB 2.0 §11, hub tiers).
    [GeneratedRegex(@"^[0-9]+-[0-9]+(\.[0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex UsbPortPattern();
}
