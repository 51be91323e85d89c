using System.Text.Json;
using EdgeCc.Agent.Analysis;

namespace EdgeCc.Agent.Hosting;

/// <summary>
/// The file <c>edgecc eval --calibrate --out FILE</c> writes: <c>{ "Analysis": { "Phrases": [ ... ] } }</c> with full
/// phrase entries, for <c>edgecc --config FILE</c>, and the phone-loop probabilities, pronunciations, high-pass
/// and noisy-leg boundary the thresholds were calibrated with (a threshold means nothing under another phone loop, other
/// keyphrase variants or another filter, and a noisy threshold nothing for another boundary).
/// </summary>
internal static class CalibratedConfig
{
    public static void Write(string path, IReadOnlyList<Phrase> phrases, AnalysisOptions calibratedWith)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(phrases);
        ArgumentNullException.ThrowIfNull(calibratedWith);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteStartObject(AnalysisOptions.Section);
        json.WriteNumber(nameof(AnalysisOptions.PhoneLoopProbability), calibratedWith.PhoneLoopProbabilityFor(SpottingBand.Wideband));
        json.WriteNumber(nameof(AnalysisOptions.NoisyBelowSnrDb), calibratedWith.NoisyBelowSnrDb);
        json.WriteNumber(nameof(AnalysisOptions.HighPassHz), calibratedWith.HighPassHz);
        json.WriteStartObject(nameof(AnalysisOptions.Narrowband));
        json.WriteNumber(nameof(NarrowbandOptions.PhoneLoopProbability), calibratedWith.PhoneLoopProbabilityFor(SpottingBand.Narrowband));
        json.WriteEndObject();
        json.WriteStartObject(nameof(AnalysisOptions.Pronunciations));
        foreach (var (word, pronunciations) in calibratedWith.Pronunciations.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json.WriteStartArray(word);
            foreach (var pronunciation in pronunciations)
            {
                json.WriteStringValue(pronunciation);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteStartArray(nameof(AnalysisOptions.Phrases));
        foreach (var phrase in phrases)
        {
            json.WriteStartObject();
            json.WriteString(nameof(Phrase.Text), phrase.Text);
            json.WriteString(nameof(Phrase.Category), phrase.Category);
            json.WriteNumber(nameof(Phrase.Weight), phrase.Weight);
            json.WriteNumber(nameof(Phrase.Threshold), phrase.Threshold);
            WriteIfSet(json, nameof(Phrase.NarrowbandThreshold), phrase.NarrowbandThreshold);
            WriteIfSet(json, nameof(Phrase.NoisyThreshold), phrase.NoisyThreshold);
            WriteIfSet(json, nameof(Phrase.NarrowbandNoisyThreshold), phrase.NarrowbandNoisyThreshold);

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static void WriteIfSet(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } n)
        {
            json.WriteNumber(name, n);
        }
    }
}
