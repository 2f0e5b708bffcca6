using System.Text;
using System.Text.Json;
using EngagementBot.Analytics.Model;
using Microsoft.Extensions.Logging;

namespace EngagementBot.Analytics.Azure;

/// <summary>
/// Reads the 2024-11-01 result documents (<c>results.documents[]</c>) into our model and merges the slices of a
/// long document back into one result (offsets rebased onto the whole document, UTF-16 code units).
/// </summary>
internal static class AzureLanguageResults
{
    public static DocumentSentiment MergeSentiment(string id, IReadOnlyList<(Piece Piece, JsonElement Result)> parts)
    {
        if (parts.Count == 0)
        {
            return new DocumentSentiment(id, SentimentLabel.Neutral, new SentimentScores(0, 1, 0), []);
        }

        var sentences = new List<SentenceSentiment>();
        var labels = new HashSet<SentimentLabel>();
        double positive = 0, neutral = 0, negative = 0, weight = 0;
        foreach (var (piece, result) in parts)
        {
            var label = Label(result);
            var scores = Scores(result);
            labels.Add(label);
            var w = Math.Max(1, piece.Text.Length);
            positive += scores.Positive * w;
            neutral += scores.Neutral * w;
            negative += scores.Negative * w;
            weight += w;
            if (result.TryGetProperty("sentences", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var s in list.EnumerateArray())
                {
                    var offset = Int(s, "offset") + piece.Offset;
                    var length = Int(s, "length");
                    var text = s.TryGetProperty("text", out var t) ? t.GetString() ?? string.Empty : string.Empty;
                    sentences.Add(new SentenceSentiment(text, offset, length, Label(s), Scores(s)));
                }
            }
        }

        var merged = new SentimentScores(positive / weight, neutral / weight, negative / weight);
        SentimentLabel overall;
        if (labels.Count == 1)
        {
            overall = labels.First();
        }
        else if (labels.Contains(SentimentLabel.Mixed) || (labels.Contains(SentimentLabel.Positive) && labels.Contains(SentimentLabel.Negative)))
        {
            overall = SentimentLabel.Mixed;
        }
        else
        {
            overall = merged.Positive >= merged.Neutral && merged.Positive >= merged.Negative ? SentimentLabel.Positive
                : merged.Negative >= merged.Neutral ? SentimentLabel.Negative
                : SentimentLabel.Neutral;
        }

        return new DocumentSentiment(id, overall, merged, sentences);
    }

    public static KeyPhraseResult MergeKeyPhrases(string id, IReadOnlyList<(Piece Piece, JsonElement Result)> parts)
    {
        var phrases = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, result) in parts)
        {
            if (result.TryGetProperty("keyPhrases", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var p in list.EnumerateArray())
                {
                    var phrase = p.GetString()?.Trim().ToLowerInvariant();
                    if (!string.IsNullOrEmpty(phrase) && seen.Add(phrase))
                    {
                        phrases.Add(phrase);
                    }
                }
            }
        }

        return new KeyPhraseResult(id, phrases);
    }

    public static PiiResult MergePii(TextDocument document, IReadOnlyList<(Piece Piece, JsonElement Result)> parts, ILogger logger)
    {
        var found = new List<PiiEntity>();
        foreach (var (piece, result) in parts)
        {
            if (!result.TryGetProperty("entities", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var e in list.EnumerateArray())
            {
                var name = e.TryGetProperty("category", out var c) ? c.GetString() : null;
                if (Category(name) is not { } category)
                {
                    continue;
                }

                var offset = Int(e, "offset") + piece.Offset;
                var length = Int(e, "length");
                if (offset < 0 || length <= 0 || offset + length > document.Text.Length)
                {
                    logger.LogWarning("Azure AI Language returned a {Category} span outside its document ({Offset}+{Length}); ignored", name, offset, length);
                    continue;
                }

                var confidence = e.TryGetProperty("confidenceScore", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : 0;
                found.Add(new PiiEntity(category, document.Text.Substring(offset, length), offset, length, confidence));
            }
        }

        // Our contract: spans never overlap (the longest wins at a given start), redaction in document order.
        var entities = new List<PiiEntity>();
        foreach (var e in found.OrderBy(e => e.Offset).ThenByDescending(e => e.Length))
        {
            if (entities.Count == 0 || e.Offset >= entities[^1].Offset + entities[^1].Length)
            {
                entities.Add(e);
            }
        }

        return new PiiResult(document.Id, entities, Redact(document.Text, entities));
    }

    /// <summary>Our category for a service category, or null for one we do not report.</summary>
    public static PiiCategory? Category(string? serviceCategory) => serviceCategory switch
    {
        "Email" => PiiCategory.Email,
        "PhoneNumber" => PiiCategory.PhoneNumber,
        "Address" => PiiCategory.Address,
        "Person" => PiiCategory.PersonName,
        "CASocialInsuranceNumber" => PiiCategory.SocialInsuranceNumber,
        "ZipCode" or "CAPostalCode" or "FRPostalCode" or "PostalCode" => PiiCategory.PostalCode,
        _ => null,
    };

    public static IEnumerable<SummarySentence> SummarySentences(IReadOnlyList<JsonDocument> pages, SummaryInput input)
    {
        var sentences = new List<SummarySentence>();
        var errors = new List<AzureLanguageDocumentError>();
        var label = input.Segments.Count == 0 ? "summary" : $"summary input '{input.Segments[0].DocumentId}'…'{input.Segments[^1].DocumentId}'";
        foreach (var page in pages)
        {
            if (!page.RootElement.TryGetProperty("tasks", out var tasks) || !tasks.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var item in items.EnumerateArray())
            {
                if (item.TryGetProperty("status", out var status) && status.GetString() is "failed")
                {
                    errors.Add(new AzureLanguageDocumentError(label, "TaskFailed", "The ExtractiveSummarization task failed."));
                    continue;
                }

                if (!item.TryGetProperty("results", out var results))
                {
                    continue;
                }

                foreach (var doc in Items(results, "documents"))
                {
                    foreach (var s in Items(doc, "sentences"))
                    {
                        var offset = Int(s, "offset");
                        var length = Int(s, "length");
                        var text = s.TryGetProperty("text", out var t) ? t.GetString() ?? string.Empty : string.Empty;
                        var rank = s.TryGetProperty("rankScore", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetDouble() : 0;
                        var ids = input.Cite(offset, length);
                        if (ids.Count > 0 && text.Length > 0)
                        {
                            sentences.Add(new SummarySentence(text.Trim(), ids, Math.Clamp(rank, 0, 1)));
                        }
                    }
                }

                foreach (var error in Items(results, "errors"))
                {
                    var (code, message) = AzureLanguageClient.ServiceError(error.TryGetProperty("error", out var e) ? e : error);
                    errors.Add(new AzureLanguageDocumentError(label, code, message));
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new AzureLanguageDocumentException("ExtractiveSummarization", errors, sentences);
        }

        return sentences;
    }

    private static IEnumerable<JsonElement> Items(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array ? array.EnumerateArray() : [];

    private static string Redact(string text, IReadOnlyList<PiiEntity> entities)
    {
        if (entities.Count == 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var at = 0;
        foreach (var e in entities)
        {
            builder.Append(text, at, e.Offset - at).Append(e.Placeholder);
            at = e.Offset + e.Length;
        }

        return builder.Append(text, at, text.Length - at).ToString();
    }

    private static SentimentLabel Label(JsonElement element) =>
        (element.TryGetProperty("sentiment", out var s) ? s.GetString() : null) switch
        {
            "positive" => SentimentLabel.Positive,
            "negative" => SentimentLabel.Negative,
            "mixed" => SentimentLabel.Mixed,
            _ => SentimentLabel.Neutral,
        };

    private static SentimentScores Scores(JsonElement element)
    {
        if (!element.TryGetProperty("confidenceScores", out var c))
        {
            return new SentimentScores(0, 1, 0);
        }

        return new SentimentScores(Number(c, "positive"), Number(c, "neutral"), Number(c, "negative"));
    }

    private static double Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : 0;

    private static int Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;
}
