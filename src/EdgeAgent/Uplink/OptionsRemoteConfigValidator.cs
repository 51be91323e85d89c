using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Uplink;

/// <summary>
/// Validates one options section of a proposed remote config exactly as the app validates it at
/// start: data annotations plus every registered <see cref="IValidateOptions{TOptions}"/>.
/// </summary>
internal sealed class OptionsRemoteConfigValidator<TOptions> : IRemoteConfigValidator
    where TOptions : class, new()
{
    private readonly string _section;
    private readonly IEnumerable<IValidateOptions<TOptions>> _validators;

    public OptionsRemoteConfigValidator(string section, IEnumerable<IValidateOptions<TOptions>> validators)
    {
        _section = section;
        _validators = validators;
    }

    public IEnumerable<string> Validate(IConfiguration proposed)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        var errors = new List<string>();
        var options = new TOptions();
        try
        {
            proposed.GetSection(_section).Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            errors.Add($"{_section}: {ex.Message}");
            return errors;
        }

        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            foreach (var r in results)
            {
                errors.Add($"{_section}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}");
            }
        }

        foreach (var validator in _validators)
        {
            var result = validator.Validate(Options.DefaultName, options);
            if (result.Failed)
            {
                errors.AddRange(result.Failures);
            }
        }

        return errors;
    }
}
