using System.Globalization;
using EdgeCc.Agent.Capture;

namespace EdgeCc.Agent.Telephony;

/// <summary>Finds the agent behind a SIP URI or a phone address, from <see cref="TelephonyOptions.Agents"/>.</summary>
internal sealed class AgentDirectory
{
    private readonly Dictionary<string, string> _byExtension = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _byUri = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(NetAddress Network, int Prefix, string AgentId)> _byAddress = [];

    public AgentDirectory(IEnumerable<AgentMapping> agents)
    {
        ArgumentNullException.ThrowIfNull(agents);
        foreach (var agent in agents)
        {
            foreach (var extension in agent.Extensions)
            {
                _byExtension.TryAdd(extension, agent.AgentId);
            }

            foreach (var uri in agent.SipUris)
            {
                if (SipUri.AddressOfRecord(uri) is { } aor)
                {
                    _byUri.TryAdd(aor, agent.AgentId);
                }
            }

            foreach (var address in agent.Addresses)
            {
                if (TryParsePrefix(address, out var network, out var prefix))
                {
                    _byAddress.Add((network, prefix, agent.AgentId));
                }
            }
        }

        // Most specific subnet first, so a phone's /32 wins over its floor's /24.
        _byAddress.Sort((a, b) => b.Prefix.CompareTo(a.Prefix));
    }

    public bool IsEmpty => _byExtension.Count == 0 && _byUri.Count == 0 && _byAddress.Count == 0;

    /// <summary>The agent for a URI (or a From/To header value): by address of record, then by extension.</summary>
    public string? MatchUri(string? value)
    {
        var uri = value is not null && value.Contains('<', StringComparison.Ordinal) ? SipUri.Uri(value) : value;
        if (uri is null)
        {
            return null;
        }

        if (SipUri.AddressOfRecord(uri) is { } aor && _byUri.TryGetValue(aor, out var byUri))
        {
            return byUri;
        }

        return SipUri.User(uri) is { } user && _byExtension.TryGetValue(user, out var byExtension) ? byExtension : null;
    }

    public string? MatchAddress(NetAddress address)
    {
        foreach (var (network, prefix, agentId) in _byAddress)
        {
            if (address.InPrefix(network, prefix))
            {
                return agentId;
            }
        }

        return null;
    }

    /// <summary>Parses "10.0.0.5", "10.0.0.0/24" or "fd00::/64"; a bare address is a host route.</summary>
    public static bool TryParsePrefix(string text, out NetAddress network, out int prefix)
    {
        network = default;
        prefix = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var host = slash >= 0 ? text[..slash] : text;
        if (!NetAddress.TryParse(host.Trim(), out network))
        {
            return false;
        }

        var max = network.IsV4 ? 32 : 128;
        if (slash < 0)
        {
            prefix = 128;
            return true;
        }

        if (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > max)
        {
            return false;
        }

        // IPv4 lives in the IPv4-mapped block, so its prefix is offset by the 96 mapped bits.
        prefix = network.IsV4 ? 96 + length : length;
        return true;
    }
}
