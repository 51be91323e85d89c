using System.ComponentModel.DataAnnotations;

namespace EdgeCc.Agent.Floor;

/// <summary>The Asterisk Manager Interface queue feed (off unless enabled).</summary>
internal sealed class AmiOptions
{
    public bool Enabled { get; set; }

    [Required]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65_535)]
    public int Port { get; set; } = 5038;

    public string Username { get; set; } = "";

    public string Secret { get; set; } = "";

    /// <summary>QueueSummary is asked for this often, to correct any event the feed missed.</summary>
    [Range(1, 3_600)]
    public int PollSeconds { get; set; } = 10;

    [Range(0.1, 60.0)]
    public double ReconnectMinSeconds { get; set; } = 1;

    [Range(1.0, 3_600.0)]
    public double ReconnectMaxSeconds { get; set; } = 60;
}
