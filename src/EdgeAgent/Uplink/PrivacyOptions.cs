using System.ComponentModel.DataAnnotations;

namespace EdgeCc.Agent.Uplink;

/// <summary>Section <c>Privacy</c>.</summary>
internal sealed class PrivacyOptions : IValidatableObject
{
    public const string Section = "Privacy";

    /// <summary>
    /// The organisation's secret for <see cref="CallerKey"/> (at least 32 characters; put it in an
    /// environment variable or a root-only file, not in appsettings.json). Never logged. Empty:
    /// summaries carry no customer key (numbers are dropped either way).
    /// </summary>
    public string CallerKeySecret { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (CallerKeySecret.Length is > 0 and < 32)
        {
            // The message must not echo the secret, not even its start.
            yield return new ValidationResult(
                $"{Section}:CallerKeySecret is shorter than 32 characters: use a long random secret shared by the organisation's sites, or leave it empty",
                [nameof(CallerKeySecret)]);
        }
    }

    public override string ToString() => "PrivacyOptions { CallerKeySecret = *** }";
}
