using System.Globalization;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Analysis;

/// <summary>
/// Cross-field and file checks of <see cref="AnalysisOptions"/> (DataAnnotations do not descend into the phrase
/// list): every message names the configuration key, so a bad appsettings line is found without reading code.
/// </summary>
internal sealed class AnalysisOptionsValidator : IValidateOptions<AnalysisOptions>
{
    public ValidateOptionsResult Validate(string? name, AnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Directory.Exists(options.ModelDirectory))
        {
            failures.Add($"Analysis:ModelDirectory '{options.ModelDirectory}' does not exist (install pocketsphinx-en-us)");
        }
        else
        {
            try
            {
                KeywordModel.CheckModelDirectory(options.ModelDirectory);
            }
            catch (FileNotFoundException e)
            {
                failures.Add(e.Message);
            }
        }

        var dictionaryExists = File.Exists(options.DictionaryPath);
        if (!dictionaryExists)
        {
            failures.Add($"Analysis:DictionaryPath '{options.DictionaryPath}' does not exist (install pocketsphinx-en-us)");
        }

        if (options.Narrowband is null)
        {
            failures.Add("Analysis:Narrowband is empty: remove the section for the shipped defaults");
        }
        else
        {
            failures.AddRange(KeywordModel.NarrowbandFailures(options.Narrowband));
        }

        CheckExponent(failures, "Analysis:PhoneLoopProbability", options.PhoneLoopProbability, AnalysisOptions.MinPhoneLoopProbability, 0);
        CheckExponent(failures, "Analysis:Narrowband:PhoneLoopProbability", options.Narrowband?.PhoneLoopProbability, AnalysisOptions.MinPhoneLoopProbability, 0);

        if (options.NoisyBelowSnrDb is < 0 or > 60)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"Analysis:NoisyBelowSnrDb is {options.NoisyBelowSnrDb}: it must be between 0 and 60 dB (0: no leg is noisy)"));
        }

        if (options.HighPassHz is < 0 or > 1_000)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"Analysis:HighPassHz is {options.HighPassHz}: it must be between 0 (no filter) and 1000 Hz"));
        }

        foreach (var word in options.Pronunciations.Keys.Where(k => PronunciationDictionary.Words(k).Length != 1))
        {
            failures.Add($"Analysis:Pronunciations:{word}: a key is one word of a phrase");
        }

        if (options.Phrases.Count == 0)
        {
            failures.Add("Analysis:Phrases is empty: configure at least one phrase");
            return ValidateOptionsResult.Fail(failures);
        }

        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var words = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Phrases.Count; i++)
        {
            var phrase = options.Phrases[i];
            var key = $"Analysis:Phrases:{i}";
            if (phrase is null)
            {
                failures.Add($"{key} is empty");
                continue;
            }

            var text = PronunciationDictionary.Normalize(phrase.Text);
            if (text.Length == 0)
            {
                failures.Add($"{key}:Text is empty");
            }
            else if (firstIndex.TryGetValue(text, out var first))
            {
                failures.Add($"{key}:Text '{phrase.Text}' duplicates Analysis:Phrases:{first}:Text (phrases are compared in lower case)");
            }
            else
            {
                firstIndex.Add(text, i);
                words.UnionWith(PronunciationDictionary.Words(text));
            }

            if (string.IsNullOrWhiteSpace(phrase.Category))
            {
                failures.Add($"{key}:Category is empty: give the phrase a category (escalation, churn, compliance, ...)");
            }

            CheckExponent(failures, $"{key}:Threshold", phrase.Threshold, Phrase.LoosestThreshold, Phrase.StrictestThreshold);
            CheckExponent(failures, $"{key}:NarrowbandThreshold", phrase.NarrowbandThreshold, Phrase.LoosestThreshold, Phrase.StrictestThreshold);
            CheckExponent(failures, $"{key}:NoisyThreshold", phrase.NoisyThreshold, Phrase.LoosestThreshold, Phrase.StrictestThreshold);
            CheckExponent(failures, $"{key}:NarrowbandNoisyThreshold", phrase.NarrowbandNoisyThreshold, Phrase.LoosestThreshold, Phrase.StrictestThreshold);

            if (phrase.Weight is < -1.0 or > 1.0 || double.IsNaN(phrase.Weight))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{key}:Weight is {phrase.Weight}: it must be between -1 and 1"));
            }
        }

        if (dictionaryExists && words.Count > 0)
        {
            HashSet<string>? phones = null;
            try
            {
                phones = KeywordModel.ModelPhones(options);
            }
            catch (InvalidDataException e)
            {
                failures.Add($"Analysis:ModelDirectory: {e.Message}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A missing model is listed above; without its phones none are checked.
            }

            failures.AddRange(KeywordModel.DictionaryFailures(options, PronunciationDictionary.Load(options.DictionaryPath, words, options.Pronunciations, phones)));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Adds the message for a power-of-ten exponent setting outside <paramref name="min"/>..<paramref name="max"/> (unset passes).</summary>
    private static void CheckExponent(List<string> failures, string key, int? value, int min, int max)
    {
        if (value is { } n && (n < min || n > max))
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{key} is {n}: it is the exponent of 1e<n> and must be between {min} and {max}"));
        }
    }
}
