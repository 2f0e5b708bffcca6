using EngagementBot.Analytics.Model;

namespace EngagementBot.Analytics.Offline;

/// <summary>Checks a batch before analysis: no null document or text, ids non-empty and unique.</summary>
internal static class DocumentValidation
{
    public static void Validate(IReadOnlyList<TextDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var ids = new HashSet<string>(documents.Count, StringComparer.Ordinal);
        for (var i = 0; i < documents.Count; i++)
        {
            var d = documents[i] ?? throw new ArgumentException($"Document at position {i} is null.", nameof(documents));
            if (string.IsNullOrWhiteSpace(d.Id))
            {
                throw new ArgumentException($"Document at position {i} has an empty id; every document needs a unique id.", nameof(documents));
            }

            if (d.Text is null)
            {
                throw new ArgumentException($"Document '{d.Id}' has no text (null).", nameof(documents));
            }

            if (!ids.Add(d.Id))
            {
                throw new ArgumentException($"Document id '{d.Id}' appears more than once; ids must be unique within a batch.", nameof(documents));
            }
        }
    }
}
