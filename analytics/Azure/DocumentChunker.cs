using System.Globalization;

namespace EngagementBot.Analytics.Azure;

/// <summary>One contiguous slice of a document sent to the service on its own.</summary>
/// <param name="Offset">UTF-16 offset of the slice in the document.</param>
/// <param name="Length">UTF-16 length.</param>
internal readonly record struct TextSlice(int Offset, int Length);

/// <summary>
/// Splits a text longer than the service's per-document limit (counted, as the service does, in text elements —
/// <see cref="StringInfo.LengthInTextElements"/>) into contiguous slices that cover it exactly, cutting after the
/// last sentence end (<c>. ! ? …</c> or a new line) that fits, else after the last white space, else at the limit.
/// </summary>
internal static class DocumentChunker
{
    public static IReadOnlyList<TextSlice> Split(string text, int maxTextElements)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTextElements, 1);
        if (text.Length <= maxTextElements)
        {
            return [new TextSlice(0, text.Length)];
        }

        var starts = StringInfo.ParseCombiningCharacters(text);
        if (starts.Length <= maxTextElements)
        {
            return [new TextSlice(0, text.Length)];
        }

        var slices = new List<TextSlice>();
        var first = 0;
        while (starts.Length - first > maxTextElements)
        {
            var limit = first + maxTextElements;
            var cut = LastBoundary(text, starts, first, limit, AfterSentenceEnd) ?? LastBoundary(text, starts, first, limit, AfterWhiteSpace) ?? limit;
            slices.Add(new TextSlice(starts[first], starts[cut] - starts[first]));
            first = cut;
        }

        slices.Add(new TextSlice(starts[first], text.Length - starts[first]));
        return slices;
    }

    /// <summary>The largest text-element index in (first, limit] where a cut is allowed, or null.</summary>
    private static int? LastBoundary(string text, int[] starts, int first, int limit, Func<string, int, int, bool> allowed)
    {
        for (var e = limit; e > first; e--)
        {
            if (allowed(text, starts[first], starts[e]))
            {
                return e;
            }
        }

        return null;
    }

    /// <summary>After a new line, or after white space that follows a sentence end (so "3.5" or "M.Roy" are not cut).</summary>
    private static bool AfterSentenceEnd(string text, int sliceStart, int position)
    {
        var previous = text[position - 1];
        if (previous == '\n')
        {
            return true;
        }

        if (!char.IsWhiteSpace(previous))
        {
            return false;
        }

        var j = position - 1;
        while (j > sliceStart && char.IsWhiteSpace(text[j]))
        {
            j--;
        }

        return text[j] is '.' or '!' or '?' or '…';
    }

    private static bool AfterWhiteSpace(string text, int sliceStart, int position) => char.IsWhiteSpace(text[position - 1]);
}
