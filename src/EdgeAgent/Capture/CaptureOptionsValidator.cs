using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Capture;

/// <summary>Cross-field rules for <see cref="CaptureOptions"/>, naming the configuration key at fault.</summary>
internal sealed class CaptureOptionsValidator : IValidateOptions<CaptureOptions>
{
    public ValidateOptionsResult Validate(string? name, CaptureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.RtpPortMin > options.RtpPortMax)
        {
            failures.Add($"{CaptureOptions.Section}:RtpPortMin is {options.RtpPortMin} but {CaptureOptions.Section}:RtpPortMax is {options.RtpPortMax}; the minimum must not exceed the maximum.");
        }

        for (var i = 0; i < options.SipPorts.Count; i++)
        {
            var port = options.SipPorts[i];
            if (port is < 1 or > 65535)
            {
                failures.Add($"{CaptureOptions.Section}:SipPorts:{i} is {port} but a port is 1..65535.");
            }
            else if (port >= options.RtpPortMin && port <= options.RtpPortMax)
            {
                failures.Add($"{CaptureOptions.Section}:SipPorts:{i} is {port}, inside the RTP range {options.RtpPortMin}-{options.RtpPortMax}.");
            }
        }

        if (options.Interface is { Length: > 0 } iface && iface.Trim().Length != iface.Length)
        {
            failures.Add($"{CaptureOptions.Section}:Interface '{iface}' has leading or trailing spaces.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
