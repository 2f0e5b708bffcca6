using System.Globalization;
using System.Text;
using EngagementBot.Analytics.Model;

namespace EngagementBot.Analytics.Azure;

/// <summary>Where one comment (or slice of it) sits in a joined summarization document.</summary>
/// <param name="Start">UTF-16 offset in the joined text.</param>
/// <param name="Length">UTF-16 length.</param>
/// <param name="DocumentId">The comment's id.</param>
internal readonly record struct SummarySegment(int Start, int Length, string DocumentId);

/// <summary>
/// One summarization job input: comments of one language joined by blank lines (at most
/// <see cref="AzureLanguageTextAnalyzer.MaxTextElementsPerJob"/> text elements), with the segment map that turns a
/// summary sentence's offset back into the ids of the comments it came from.
/// </summary>
internal sealed record SummaryInput(string Text, string? Language, IReadOnlyList<SummarySegment> Segments)
{
    private const string Separator = "\n\n";

    public static IEnumerable<SummaryInput> Pack(IReadOnlyList<TextDocument> documents, string?[] languages, int maxTextElements)
    {
        var order = Enumerable.Range(0, documents.Count).Where(i => !string.IsNullOrWhiteSpace(documents[i].Text));
        foreach (var group in order.GroupBy(i => languages[i] ?? string.Empty))
        {
            var text = new StringBuilder();
            var segments = new List<SummarySegment>();
            var elements = 0;
            foreach (var i in group)
            {
                var document = documents[i];
                foreach (var slice in DocumentChunker.Split(document.Text, maxTextElements - Separator.Length))
                {
                    var part = document.Text.Substring(slice.Offset, slice.Length);
                    var partElements = CountElements(part);
                    if (text.Length > 0 && elements + Separator.Length + partElements > maxTextElements)
                    {
                        yield return new SummaryInput(text.ToString(), LanguageOf(group.Key), segments);
                        text.Clear();
                        segments = [];
                        elements = 0;
                    }

                    if (text.Length > 0)
                    {
                        text.Append(Separator);
                        elements += Separator.Length;
                    }

                    segments.Add(new SummarySegment(text.Length, slice.Length, document.Id));
                    text.Append(part);
                    elements += partElements;
                }
            }

            if (text.Length > 0)
            {
                yield return new SummaryInput(text.ToString(), LanguageOf(group.Key), segments);
            }
        }
    }

    /// <summary>Ids of the comments overlapping [offset, offset + length): the one the sentence starts in first.</summary>
    public IReadOnlyList<string> Cite(int offset, int length)
    {
        var end = offset + Math.Max(1, length);
        var ids = new List<string>();
        foreach (var s in Segments)
        {
            if (s.Start < end && offset < s.Start + s.Length && !ids.Contains(s.DocumentId))
            {
                ids.Add(s.DocumentId);
            }
        }

        return ids;
    }

    private static string? LanguageOf(string key) => key.Length == 0 ? null : key;

    private static int CountElements(string text) => new StringInfo(text).LengthInTextElements;
}
