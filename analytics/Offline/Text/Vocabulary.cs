using System.Collections.Concurrent;

namespace EngagementBot.Analytics.Offline.Text;

/// <summary>
/// Thread-safe word ↔ id table for one corpus analysis: content words are stored once, documents keep
/// small arrays of ids (theme discovery, summary overlap).
/// </summary>
internal sealed class Vocabulary
{
    private readonly ConcurrentDictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _words = [];
    private readonly Lock _gate = new();

    public Vocabulary() => _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => _words.Count;

    public int IdOf(ReadOnlySpan<char> word)
    {
        if (_lookup.TryGetValue(word, out var id))
        {
            return id;
        }

        lock (_gate)
        {
            if (_lookup.TryGetValue(word, out id))
            {
                return id;
            }

            var text = word.ToString();
            id = _words.Count;
            _words.Add(text);
            _ids[text] = id;
            return id;
        }
    }

    public bool TryGetId(string word, out int id) => _ids.TryGetValue(word, out id);

    public string WordOf(int id)
    {
        lock (_gate)
        {
            return _words[id];
        }
    }
}
