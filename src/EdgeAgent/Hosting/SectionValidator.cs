using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Hosting;

/// <summary>
/// Runs the DataAnnotations of an options class and of the objects and lists it holds, and
/// reports each failure under its configuration key (<c>Analysis:Phrases:3:Threshold: ...</c>)
/// so an installer can find the line in edgecc.json.
/// </summary>
internal sealed class SectionValidator<TOptions>(string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var failures = new List<string>();
        Collect(options, section, failures, depth: 0);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Collect(object target, string path, List<string> failures, int depth)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(target, new ValidationContext(target), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var member = result.MemberNames.FirstOrDefault();
            failures.Add(member is null ? $"{path}: {result.ErrorMessage}" : $"{path}:{member}: {result.ErrorMessage}");
        }

        if (depth > 4)
        {
            return;
        }

        foreach (var property in target.GetType().GetProperties())
        {
            if (property.GetIndexParameters().Length > 0 || property.PropertyType == typeof(string) || property.PropertyType.IsValueType)
            {
                continue;
            }

            var value = property.GetValue(target);
            if (value is IEnumerable items and not string)
            {
                var index = 0;
                foreach (var item in items)
                {
                    if (item is not null && item is not string && !item.GetType().IsValueType)
                    {
                        Collect(item, string.Create(CultureInfo.InvariantCulture, $"{path}:{property.Name}:{index}"), failures, depth + 1);
                    }

                    index++;
                }
            }
            else if (value is not null && property.PropertyType.IsClass)
            {
                Collect(value, $"{path}:{property.Name}", failures, depth + 1);
            }
        }
    }
}
