using System.ComponentModel.DataAnnotations;

namespace EdgeCc.Agent.Telephony;

/// <summary>How one agent is recognised in SIP: extensions, SIP URIs (user@host), phone addresses or subnets.</summary>
public sealed class AgentMapping
{
    [Required]
    public string AgentId { get; set; } = string.Empty;

    /// <summary>User parts of SIP/tel URIs, e.g. <c>2001</c>.</summary>
    public List<string> Extensions { get; set; } = [];

    /// <summary>Addresses of record, e.g. <c>sip:alice@pbx.example</c> (scheme and parameters are ignored).</summary>
    public List<string> SipUris { get; set; } = [];

    /// <summary>Phone IP addresses or subnets in CIDR form, e.g. <c>10.20.0.15</c> or <c>10.20.1.0/24</c>.</summary>
    public List<string> Addresses { get; set; } = [];
}
