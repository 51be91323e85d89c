using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Store;

internal sealed class StoreOptionsValidator : IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        Positive(errors, nameof(StoreOptions.MetricsMaxAge), options.MetricsMaxAge);
        Positive(errors, nameof(StoreOptions.AlertsMaxAge), options.AlertsMaxAge);
        Positive(errors, nameof(StoreOptions.SummariesMaxAge), options.SummariesMaxAge);
        Positive(errors, nameof(StoreOptions.RetentionInterval), options.RetentionInterval);
        if (options.SummariesMaxAge < options.MetricsMaxAge)
        {
            errors.Add($"{StoreOptions.Section}:SummariesMaxAge ({options.SummariesMaxAge}) is shorter than {StoreOptions.Section}:MetricsMaxAge ({options.MetricsMaxAge}); summaries are kept longest");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{StoreOptions.Section}:{key} is {value} but must be positive");
        }
    }
}
