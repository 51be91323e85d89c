using System.ComponentModel.DataAnnotations;

namespace EdgeCc.Agent.Uplink;

/// <summary>Section <c>Privacy</c>.</summary>
internal sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>
    /// The organisation's secret for <see cref="CallerKey"/> (at least 32 characters; put it in an
    /// environment variable or a root-only file, not in appsettings.json). Never logged.
    /// </summary>
    [Required]
    [MinLength(32)]
    public string CallerKeySecret { get; set; } = "";

    public override string ToString() => "PrivacyOptions { CallerKeySecret = *** }";
}
