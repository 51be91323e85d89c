using System.ComponentModel.DataAnnotations;

namespace EdgeCc.Agent.Web;

/// <summary>Configuration section <c>Web</c>: health, metrics and the browser wallboard.</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    public bool Enabled { get; set; } = true;

    /// <summary>Where Kestrel listens, separated by ';'. Loopback by default: a reverse proxy or an explicit address opens it to the floor.</summary>
    [Required]
    public string Urls { get; set; } = "http://127.0.0.1:8080";

    /// <summary>The wallboard shows "stale data" when no update arrived for this long.</summary>
    [Range(2, 3600)]
    public int StaleAfterSeconds { get; set; } = 10;

    /// <summary>The server pushes the floor at least this often, so a quiet floor is not mistaken for a dead box.</summary>
    [Range(1, 600)]
    public int HeartbeatSeconds { get; set; } = 2;

    /// <summary>The supervisor PIN that acknowledges alerts (4 to 12 digits). Unset: nobody can acknowledge from the browser.</summary>
    public string? AcknowledgePin { get; set; }
}
