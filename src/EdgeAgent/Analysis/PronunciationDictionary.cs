using System.Text;

namespace EdgeCc.Agent.Analysis;

/// <summary>
/// The entries of a CMU-style pronunciation dictionary (<c>word PH O NES</c>, alternates as <c>word(2)</c>) for a
/// few words. The full cmudict-en-us has ~135k entries; a decoder only needs the configured phrases' words.
/// </summary>
internal sealed class PronunciationDictionary
{
    private readonly Dictionary<string, List<string>> _entries;

    private PronunciationDictionary(string path, Dictionary<string, List<string>> entries)
    {
        Path = path;
        _entries = entries;
    }

    public string Path { get; }

    public int WordCount => _entries.Count;

    /// <summary>Phrase text as the decoder sees it: lower case, single spaces (cmudict is lower case).</summary>
    public static string[] Words(string text) =>
        (text ?? "").ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string Normalize(string text) => string.Join(' ', Words(text));

    /// <summary>Reads the entries (base and alternates) of <paramref name="words"/> from the dictionary at <paramref name="path"/>.</summary>
    public static PronunciationDictionary Load(string path, IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var wanted = new HashSet<string>(words, StringComparer.Ordinal);
        var entries = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        using var reader = new StreamReader(path, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0)
            {
                continue;
            }

            var head = line.AsSpan(0, space);
            var paren = head.IndexOf('(');
            var word = paren > 0 && head[^1] == ')' ? head[..paren] : head;
            if (wanted.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var key))
            {
                if (!entries.TryGetValue(key, out var lines))
                {
                    lines = [];
                    entries.Add(key, lines);
                }

                lines.Add(line.TrimEnd());
            }
        }

        return new PronunciationDictionary(path, entries);
    }

    public bool Contains(string word) => _entries.ContainsKey(word);

    /// <summary>Writes the loaded entries, base pronunciation first as in the source.</summary>
    public void WriteTo(string path)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false)) { NewLine = "\n" };
        foreach (var lines in _entries.Values)
        {
            foreach (var line in lines)
            {
                writer.WriteLine(line);
            }
        }
    }
}
