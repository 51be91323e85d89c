using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Uplink;

internal sealed class UplinkOptionsValidator : IValidateOptions<UplinkOptions>
{
    private const string S = UplinkOptions.Section;

    public ValidateOptionsResult Validate(string? name, UplinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        Segment(errors, nameof(UplinkOptions.Site), options.Site);
        Segment(errors, nameof(UplinkOptions.Device), options.Device);
        if (string.IsNullOrWhiteSpace(options.BrokerHost))
        {
            errors.Add($"{S}:BrokerHost is empty");
        }

        if (options.BrokerPort is < 1 or > 65535)
        {
            errors.Add($"{S}:BrokerPort is {options.BrokerPort} but must be 1..65535");
        }

        if (options.KeepAlive < TimeSpan.FromSeconds(1) || options.KeepAlive > TimeSpan.FromSeconds(ushort.MaxValue))
        {
            errors.Add($"{S}:KeepAlive is {options.KeepAlive} but must be 1 s..18 h (MQTT keeps it in 16 bits of seconds)");
        }

        if (options.SessionExpiry < TimeSpan.Zero || options.SessionExpiry.TotalSeconds > uint.MaxValue)
        {
            errors.Add($"{S}:SessionExpiry is {options.SessionExpiry} but must be 0..136 years");
        }

        if (options.ConnectTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{S}:ConnectTimeout is {options.ConnectTimeout} but must be positive");
        }

        if (options.ReconnectMinDelay <= TimeSpan.Zero)
        {
            errors.Add($"{S}:ReconnectMinDelay is {options.ReconnectMinDelay} but must be positive");
        }

        if (options.ReconnectMaxDelay < options.ReconnectMinDelay)
        {
            errors.Add($"{S}:ReconnectMaxDelay ({options.ReconnectMaxDelay}) is shorter than {S}:ReconnectMinDelay ({options.ReconnectMinDelay})");
        }

        if (options.MaxInFlight is < 1 or > 1000)
        {
            errors.Add($"{S}:MaxInFlight is {options.MaxInFlight} but must be 1..1000");
        }

        if (string.IsNullOrEmpty(options.Username) && !string.IsNullOrEmpty(options.Password))
        {
            errors.Add($"{S}:Password is set but {S}:Username is empty");
        }

        foreach (var section in options.RemoteConfigSections)
        {
            if (string.Equals(section, UplinkOptions.Section, StringComparison.OrdinalIgnoreCase) || string.Equals(section, "Store", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"{S}:RemoteConfigSections contains '{section}': a remote config must not be able to change how it is delivered or stored");
            }
        }

        var tls = options.Tls;
        if (tls.Enabled)
        {
            FileExists(errors, "CaFile", tls.CaFile, required: false);
            FileExists(errors, "ClientCertFile", tls.ClientCertFile, required: false);
            FileExists(errors, "ClientKeyFile", tls.ClientKeyFile, required: false);
            if (string.IsNullOrEmpty(tls.ClientCertFile) != string.IsNullOrEmpty(tls.ClientKeyFile))
            {
                errors.Add($"{S}:Tls:ClientCertFile and {S}:Tls:ClientKeyFile must be set together");
            }
        }
        else if (!string.IsNullOrEmpty(tls.ClientCertFile) || !string.IsNullOrEmpty(tls.CaFile))
        {
            errors.Add($"{S}:Tls:CaFile/ClientCertFile are set but {S}:Tls:Enabled is false");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>MQTT wildcards and the level separator would change which topics a segment names.</summary>
    private static void Segment(List<string> errors, string key, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{S}:{key} is empty");
            return;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                errors.Add($"{S}:{key} is '{value}' but may contain only letters, digits, '-', '_' and '.'");
                return;
            }
        }
    }

    private static void FileExists(List<string> errors, string key, string? path, bool required)
    {
        if (string.IsNullOrEmpty(path))
        {
            if (required)
            {
                errors.Add($"{S}:Tls:{key} is empty");
            }

            return;
        }

        if (!File.Exists(path))
        {
            errors.Add($"{S}:Tls:{key} is '{path}' but that file does not exist");
        }
    }
}
