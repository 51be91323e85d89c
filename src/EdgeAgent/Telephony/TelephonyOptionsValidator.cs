using System.Globalization;
using EdgeCc.Agent.Capture;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Telephony;

/// <summary>Cross-field rules for <see cref="TelephonyOptions"/>; each message names the key at fault.</summary>
internal sealed class TelephonyOptionsValidator : IValidateOptions<TelephonyOptions>
{
    public ValidateOptionsResult Validate(string? name, TelephonyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var extensions = new Dictionary<string, string>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Agents.Count; i++)
        {
            var agent = options.Agents[i];
            var key = string.Create(CultureInfo.InvariantCulture, $"{TelephonyOptions.Section}:Agents:{i}");
            if (string.IsNullOrWhiteSpace(agent.AgentId))
            {
                failures.Add($"{key}:AgentId is empty.");
            }
            else if (!ids.Add(agent.AgentId))
            {
                failures.Add($"{key}:AgentId '{agent.AgentId}' is used by another agent.");
            }

            if (agent.Extensions.Count + agent.SipUris.Count + agent.Addresses.Count == 0)
            {
                failures.Add($"{key} has no Extensions, SipUris or Addresses, so no call can be mapped to it.");
            }

            for (var j = 0; j < agent.Extensions.Count; j++)
            {
                var extension = agent.Extensions[j];
                if (extensions.TryGetValue(extension, out var other))
                {
                    failures.Add($"{key}:Extensions:{j} '{extension}' is also an extension of agent '{other}'.");
                }
                else
                {
                    extensions[extension] = agent.AgentId;
                }
            }

            for (var j = 0; j < agent.SipUris.Count; j++)
            {
                if (SipUri.AddressOfRecord(agent.SipUris[j]) is null || !agent.SipUris[j].Contains('@', StringComparison.Ordinal))
                {
                    failures.Add($"{key}:SipUris:{j} '{agent.SipUris[j]}' is not a SIP URI like sip:user@host.");
                }
            }

            for (var j = 0; j < agent.Addresses.Count; j++)
            {
                if (!AgentDirectory.TryParsePrefix(agent.Addresses[j], out _, out _))
                {
                    failures.Add($"{key}:Addresses:{j} '{agent.Addresses[j]}' is not an IP address or a subnet like 10.0.0.0/24.");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
