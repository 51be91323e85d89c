using System.Text.Json;
using EdgeCc.Agent.Analysis;

namespace EdgeCc.Agent.Hosting;

/// <summary>
/// The file <c>edgecc eval --calibrate --out FILE</c> writes: <c>{ "Analysis": { "Phrases": [ ... ] } }</c> with full
/// phrase entries, for <c>edgecc --config FILE</c>, and the phone-loop probabilities and pronunciations the thresholds
/// were calibrated with (a threshold means nothing under another phone loop or other keyphrase variants).
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
            if (phrase.NarrowbandThreshold is { } narrowband)
            {
                json.WriteNumber(nameof(Phrase.NarrowbandThreshold), narrowband);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }
}
