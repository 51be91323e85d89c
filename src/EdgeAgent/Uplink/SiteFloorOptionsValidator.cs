using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Uplink;

/// <summary>Cross-field and cross-section rules of <see cref="SiteFloorOptions"/>.</summary>
internal sealed class SiteFloorOptionsValidator(IOptions<UplinkOptions> uplink) : IValidateOptions<SiteFloorOptions>
{
    private const string S = SiteFloorOptions.Section;

    public ValidateOptionsResult Validate(string? name, SiteFloorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.RefreshSeconds < options.MinIntervalSeconds)
        {
            errors.Add($"{S}:RefreshSeconds ({options.RefreshSeconds}) is shorter than {S}:MinIntervalSeconds ({options.MinIntervalSeconds})");
        }

        if (options.StaleAfterSeconds <= options.RefreshSeconds)
        {
            errors.Add($"{S}:StaleAfterSeconds ({options.StaleAfterSeconds}) must be longer than {S}:RefreshSeconds ({options.RefreshSeconds}), or every quiet box shows as stale");
        }

        if (options.Wallboard && !uplink.Value.Enabled)
        {
            errors.Add($"{S}:Wallboard is true but Uplink:Enabled is false: the wallboard host reads the other boxes through the uplink's broker");
        }

        if (options.ClientId is { } id && (id.Length is 0 or > 128 || id.Any(c => c is '/' or '+' or '#' || char.IsControl(c))))
        {
            errors.Add($"{S}:ClientId '{id}' must be 1..128 characters without '/', '+', '#' or control characters");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
