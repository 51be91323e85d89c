using System.Globalization;
using System.Text;

namespace EdgeCc.Agent.Analysis;

/// <summary>
/// The entries of a CMU-style pronunciation dictionary (<c>word PH O NES</c>, alternates as <c>word(2)</c>) for a
/// few words, plus the site's own pronunciations (<c>Analysis:Pronunciations</c>). The full cmudict-en-us has ~135k
/// entries; a decoder only needs the configured phrases' words.
/// <para>
/// PocketSphinx's keyword search follows only the entry a keyphrase names, so a word's dictionary alternates are not
/// heard unless named: a configured pronunciation becomes an entry of its own (an existing one when the dictionary
/// already has those phones), and <see cref="Variants"/> lists the entry names a keyphrase may use for the word.
/// </para>
/// </summary>
internal sealed class PronunciationDictionary
{
    private readonly Dictionary<string, List<Entry>> _entries;

    private PronunciationDictionary(string path, Dictionary<string, List<Entry>> entries, List<string> failures)
    {
        Path = path;
        _entries = entries;
        Failures = failures;
    }

    public string Path { get; }

    public int WordCount => _entries.Count;

    /// <summary>What is wrong with the configured pronunciations, one message per pronunciation naming its key.</summary>
    public IReadOnlyList<string> Failures { get; }

    /// <summary>Phrase text as the decoder sees it: lower case, single spaces (cmudict is lower case).</summary>
    public static string[] Words(string text) =>
        (text ?? "").ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string Normalize(string text) => string.Join(' ', Words(text));

    /// <summary>A keyphrase with its entry names put back to words: "can't(2) log in" is "can't log in".</summary>
    public static string BaseText(string keyphrase) => string.Join(' ', Words(keyphrase).Select(BaseWord));

    /// <summary>
    /// Reads the entries (base and alternates) of <paramref name="words"/> from the dictionary at <paramref name="path"/>
    /// and adds <paramref name="extra"/> (word -> pronunciations) for those words, which may only use <paramref name="phones"/>
    /// (<see cref="AcousticModelPhones"/>; all unchecked when null).
    /// </summary>
    public static PronunciationDictionary Load(
        string path, IEnumerable<string> words, IReadOnlyDictionary<string, string[]>? extra = null, IReadOnlySet<string>? phones = null)
    {
        ArgumentNullException.ThrowIfNull(words);
        var wanted = new HashSet<string>(words, StringComparer.Ordinal);
        var entries = new Dictionary<string, List<Entry>>(StringComparer.Ordinal);
        using (var reader = new StreamReader(path, Encoding.UTF8))
        {
            while (reader.ReadLine() is { } line)
            {
                var space = line.IndexOf(' ', StringComparison.Ordinal);
                if (space <= 0)
                {
                    continue;
                }

                var head = line.AsSpan(0, space);
                if (wanted.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(BaseWord(head), out var key))
                {
                    EntriesOf(entries, key).Add(new Entry(head.ToString(), Phones(line[(space + 1)..]), Configured: false));
                }
            }
        }

        var failures = new List<string>();
        foreach (var (configuredWord, pronunciations) in extra ?? new Dictionary<string, string[]>())
        {
            var word = configuredWord.Trim().ToLowerInvariant();
            if (!wanted.Contains(word))
            {
                continue;
            }

            for (var i = 0; i < (pronunciations?.Length ?? 0); i++)
            {
                var phoneText = Phones(pronunciations![i] ?? "");
                var key = $"Analysis:Pronunciations:{configuredWord}:{i}";
                var unknown = phoneText.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(p => phones?.Contains(p) == false);
                if (phoneText.Length == 0)
                {
                    failures.Add($"{key} is empty: give the phones, e.g. \"K AA N T\"");
                }
                else if (unknown is not null)
                {
                    failures.Add($"{key} '{pronunciations[i]}': '{unknown}' is not a phone of the acoustic model");
                }
                else
                {
                    Add(EntriesOf(entries, word), word, phoneText);
                }
            }
        }

        return new PronunciationDictionary(path, entries, failures);
    }

    public bool Contains(string word) => _entries.ContainsKey(word);

    /// <summary>The entry names a keyphrase may use for <paramref name="word"/>: the base, then each configured pronunciation.</summary>
    public IReadOnlyList<string> Variants(string word)
    {
        var entries = _entries[word];
        return [entries[0].Name, .. entries.Skip(1).Where(e => e.Configured).Select(e => e.Name)];
    }

    /// <summary>Writes the loaded and configured entries, base pronunciation first as in the source.</summary>
    public void WriteTo(string path) => WriteTo(path, newOnly: false, append: false);

    /// <summary>Writes the configured entries the dictionary at <see cref="Path"/> lacks after a copy of it.</summary>
    public void WriteFullTo(string path)
    {
        File.Copy(Path, path, overwrite: true);
        WriteTo(path, newOnly: true, append: true);
    }

    private void WriteTo(string path, bool newOnly, bool append)
    {
        using var writer = new StreamWriter(path, append, new UTF8Encoding(false)) { NewLine = "\n" };
        foreach (var entry in _entries.Values.SelectMany(e => e).Where(e => !newOnly || e.New))
        {
            writer.WriteLine($"{entry.Name} {entry.Phones}");
        }
    }

    private static List<Entry> EntriesOf(Dictionary<string, List<Entry>> entries, string word)
    {
        if (!entries.TryGetValue(word, out var list))
        {
            list = [];
            entries.Add(word, list);
        }

        return list;
    }

    /// <summary>Marks the entry with those phones as configured, or adds one named after the word's last entry number.</summary>
    private static void Add(List<Entry> entries, string word, string phones)
    {
        var same = entries.FindIndex(e => e.Phones == phones);
        if (same >= 0)
        {
            entries[same] = entries[same] with { Configured = same > 0 };
            return;
        }

        var name = entries.Count == 0 ? word : string.Create(CultureInfo.InvariantCulture, $"{word}({entries.Count + 1})");
        entries.Add(new Entry(name, phones, Configured: true) { New = true });
    }

    private static string Phones(string text) => string.Join(' ', text.ToUpperInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static ReadOnlySpan<char> BaseWord(ReadOnlySpan<char> name)
    {
        var paren = name.IndexOf('(');
        return paren > 0 && name[^1] == ')' ? name[..paren] : name;
    }

    private static string BaseWord(string name) => BaseWord(name.AsSpan()).ToString();

    /// <param name="Configured">A keyphrase variant: from <c>Analysis:Pronunciations</c>, not the word's base entry.</param>
    private sealed record Entry(string Name, string Phones, bool Configured)
    {
        /// <summary>Not in the source dictionary.</summary>
        public bool New { get; init; }
    }
}
