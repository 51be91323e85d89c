using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Web;

internal sealed class WebOptionsValidator : IValidateOptions<WebOptions>
{
    public ValidateOptionsResult Validate(string? name, WebOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        foreach (var url in WebServer.SplitUrls(options.Urls))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
            {
                errors.Add($"{WebOptions.Section}:Urls has '{url}' but each entry must be an absolute http:// address such as http://127.0.0.1:8080");
            }
        }

        if (options.HeartbeatSeconds >= options.StaleAfterSeconds)
        {
            errors.Add($"{WebOptions.Section}:HeartbeatSeconds ({options.HeartbeatSeconds}) must be shorter than {WebOptions.Section}:StaleAfterSeconds ({options.StaleAfterSeconds}), or a quiet floor shows as stale");
        }

        if (options.AcknowledgePin is { } pin && (pin.Length is < 4 or > 12 || !pin.All(char.IsAsciiDigit)))
        {
            errors.Add($"{WebOptions.Section}:AcknowledgePin must be 4 to 12 digits");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
