using System.Globalization;
using System.Text.Json;

namespace EdgeCc.Agent.Analysis.Evaluation;

/// <summary>
/// A labelled corpus: <c>manifest.json</c> at the root of a directory of mono WAV files (CORPUS-FORMAT.md, version 1).
/// A corpus is a whole input, so a malformed one fails loading with one message naming the file and the field.
/// </summary>
internal sealed record CorpusManifest
{
    public const string FileName = "manifest.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public int Version { get; init; }

    public string? Generator { get; init; }

    public List<CorpusSet> Sets { get; init; } = [];

    /// <summary>The directory the manifest is in: item paths are relative to it.</summary>
    public string Directory { get; private init; } = "";

    public string PathOf(CorpusItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Path.Combine(Directory, item.File);
    }

    /// <summary>Reads <paramref name="path"/>: the manifest itself or the directory holding it.</summary>
    public static CorpusManifest Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = System.IO.Directory.Exists(path) ? Path.Combine(path, FileName) : path;
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"{file}: no corpus manifest (see CORPUS-FORMAT.md)", file);
        }

        CorpusManifest? manifest;
        try
        {
            using var stream = File.OpenRead(file);
            manifest = JsonSerializer.Deserialize<CorpusManifest>(stream, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{file}: not a corpus manifest: {e.Message}", e);
        }

        if (manifest is null)
        {
            throw new InvalidDataException($"{file}: empty corpus manifest");
        }

        manifest = manifest with { Directory = Path.GetDirectoryName(Path.GetFullPath(file))! };
        manifest.Check(file);
        return manifest;
    }

    private void Check(string file)
    {
        if (Version != 1)
        {
            throw Bad(file, $"version is {Version}; only version 1 is understood");
        }

        if (Sets.Count == 0)
        {
            throw Bad(file, "sets is empty");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var s = 0; s < Sets.Count; s++)
        {
            var set = Sets[s];
            var key = $"sets[{s}]";
            if (string.IsNullOrWhiteSpace(set.Name) || !names.Add(set.Name))
            {
                throw Bad(file, $"{key}.name is empty or used twice");
            }

            if (set.Band is not (CorpusSet.Wideband or CorpusSet.Narrowband))
            {
                throw Bad(file, $"{key}.band is '{set.Band}': it must be '{CorpusSet.Wideband}' or '{CorpusSet.Narrowband}'");
            }

            if (set.Phrases.Count == 0)
            {
                throw Bad(file, $"{key}.phrases is empty");
            }

            var texts = new HashSet<string>(StringComparer.Ordinal);
            for (var p = 0; p < set.Phrases.Count; p++)
            {
                var text = PronunciationDictionary.Normalize(set.Phrases[p]?.Text ?? "");
                if (text.Length == 0 || !texts.Add(text))
                {
                    throw Bad(file, $"{key}.phrases[{p}].Text is empty or listed twice");
                }
            }

            for (var i = 0; i < set.Items.Count; i++)
            {
                CheckItem(file, $"{key}.items[{i}]", set.Items[i], texts);
            }
        }
    }

    private static void CheckItem(string file, string key, CorpusItem? item, HashSet<string> texts)
    {
        if (item is null || string.IsNullOrWhiteSpace(item.File))
        {
            throw Bad(file, $"{key}.file is empty");
        }

        if (item.DurationSeconds < 0 || double.IsNaN(item.DurationSeconds))
        {
            throw Bad(file, $"{key}.durationSeconds is {item.DurationSeconds.ToString(CultureInfo.InvariantCulture)}");
        }

        for (var p = 0; p < item.Phrases.Count; p++)
        {
            var phrase = item.Phrases[p];
            if (phrase is null || !texts.Contains(PronunciationDictionary.Normalize(phrase.Text)))
            {
                throw Bad(file, $"{key}.phrases[{p}].text '{phrase?.Text}' is not in the set's phrase list");
            }

            if ((phrase.Start is null) != (phrase.End is null) || phrase.Start > phrase.End)
            {
                throw Bad(file, $"{key}.phrases[{p}]: start and end must both be null or start <= end");
            }
        }
    }

    private static InvalidDataException Bad(string file, string message) => new($"{file}: {message}");
}
