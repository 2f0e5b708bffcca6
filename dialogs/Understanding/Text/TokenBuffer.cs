namespace EngagementBot.Dialogs.Understanding.Text;

/// <summary>
/// The normalised words of one message, stored in one reusable character buffer so that recognising a
/// message does not allocate a string per word. Not thread-safe: use one per thread.
/// </summary>
internal sealed class TokenBuffer
{
    private char[] _chars = new char[256];
    private int[] _starts = new int[64];
    private int[] _lengths = new int[64];
    private int _length;

    /// <summary>How many words the buffer holds.</summary>
    public int Count { get; private set; }

    /// <summary>The word at <paramref name="index"/>.</summary>
    public ReadOnlySpan<char> this[int index] => _chars.AsSpan(_starts[index], _lengths[index]);

    /// <summary>Empties the buffer, keeping its storage.</summary>
    public void Clear()
    {
        _length = 0;
        Count = 0;
    }

    /// <summary>Appends one word (ignored when empty).</summary>
    public void Add(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty)
        {
            return;
        }

        if (_length + word.Length > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _length + word.Length));
        }

        if (Count == _starts.Length)
        {
            Array.Resize(ref _starts, Count * 2);
            Array.Resize(ref _lengths, Count * 2);
        }

        word.CopyTo(_chars.AsSpan(_length));
        _starts[Count] = _length;
        _lengths[Count] = word.Length;
        _length += word.Length;
        Count++;
    }

    /// <summary>Appends each space-separated word of <paramref name="words"/>.</summary>
    public void AddWords(ReadOnlySpan<char> words)
    {
        foreach (var range in words.Split(' '))
        {
            Add(words[range]);
        }
    }

    /// <summary>The words joined by single spaces (for diagnostics and tests).</summary>
    public override string ToString()
    {
        var parts = new string[Count];
        for (var i = 0; i < Count; i++)
        {
            parts[i] = this[i].ToString();
        }

        return string.Join(' ', parts);
    }
}
