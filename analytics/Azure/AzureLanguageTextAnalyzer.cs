using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using EngagementBot.Analytics.Model;
using EngagementBot.Analytics.Offline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EngagementBot.Analytics.Azure;

/// <summary>
/// <see cref="ITextAnalyzer"/> backed by Azure AI Language's REST API (api-version 2024-11-01 or later) over an
/// Azure.Core <see cref="HttpPipeline"/>. Language detection, sentiment (with opinion mining), key phrases and PII
/// use <c>POST /language/:analyze-text</c> in batches within the documented limits (10, 10, 1,000 and 5 documents
/// per request; 5,120 text elements per document — longer documents are split at sentence ends and their results
/// merged back with offsets rebased, in UTF-16 code units). The extractive summary is an analyze-text job over the
/// comments joined into one document per ≤ 125,000 characters, each summary sentence citing the comments its
/// offsets fall in. Azure AI Language has no theme clustering: <see cref="FindThemesAsync"/> (and the themes of
/// <see cref="AnalyzeAsync"/>) use the offline provider's theme grouping, locally, without any request.
/// Documents the service rejects raise <see cref="AzureLanguageDocumentException"/> naming each of them.
/// </summary>
public sealed class AzureLanguageTextAnalyzer : ITextAnalyzer
{
    /// <summary>Documented synchronous limit per document, in text elements.</summary>
    internal const int MaxTextElementsPerDocument = 5_120;

    /// <summary>Documented limit of an asynchronous (job) request, in text elements over all its documents.</summary>
    internal const int MaxTextElementsPerJob = 125_000;

    /// <summary>Documents per request: sentiment analysis / opinion mining.</summary>
    internal const int SentimentBatchSize = 10;

    /// <summary>Documents per request: key phrase extraction.</summary>
    internal const int KeyPhraseBatchSize = 10;

    /// <summary>Documents per request: PII entity recognition.</summary>
    internal const int PiiBatchSize = 5;

    /// <summary>Documents per request: language detection.</summary>
    internal const int LanguageBatchSize = 1_000;

    /// <summary>Request bodies stay well under the documented 1 MB request size (room left for JSON escaping).</summary>
    internal const int MaxRequestTextBytes = 700_000;

    /// <summary>The Entra ID scope of Azure AI services.</summary>
    public const string TokenScope = "https://cognitiveservices.azure.com/.default";

    /// <summary>The key header of Azure AI services.</summary>
    public const string KeyHeader = "Ocp-Apim-Subscription-Key";

    private const string Utf16 = "Utf16CodeUnit";

    /// <summary>PII categories requested (those our <see cref="PiiCategory"/> has a place for).</summary>
    private static readonly string[] RequestedPiiCategories = ["Person", "PhoneNumber", "Email", "Address", "CASocialInsuranceNumber"];

    private readonly AzureLanguageClient _client;
    private readonly OfflineTextAnalyzer _themes = new(1);
    private readonly ILogger _logger;

    /// <summary>Creates the analyzer with a resource key (sent as <c>Ocp-Apim-Subscription-Key</c>).</summary>
    public AzureLanguageTextAnalyzer(AzureLanguageOptions options, AzureKeyCredential credential, TimeProvider? time = null, ILogger<AzureLanguageTextAnalyzer>? logger = null)
        : this(options, new KeyCredentialPolicy(credential ?? throw new ArgumentNullException(nameof(credential)), KeyHeader), time, logger)
    {
    }

    /// <summary>Creates the analyzer with an Entra ID credential (scope <see cref="TokenScope"/>; HTTPS endpoints only).</summary>
    public AzureLanguageTextAnalyzer(AzureLanguageOptions options, TokenCredential credential, TimeProvider? time = null, ILogger<AzureLanguageTextAnalyzer>? logger = null)
        : this(options, new BearerTokenAuthenticationPolicy(credential ?? throw new ArgumentNullException(nameof(credential)), TokenScope), time, logger)
    {
    }

    private AzureLanguageTextAnalyzer(AzureLanguageOptions options, HttpPipelinePolicy authentication, TimeProvider? time, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger ?? NullLogger.Instance;
        _client = new AzureLanguageClient(options, authentication, time ?? TimeProvider.System, _logger);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LanguageResult>> DetectLanguageAsync(IReadOnlyList<TextDocument> documents, CancellationToken cancellationToken)
    {
        DocumentValidation.Validate(documents);
        var (results, _) = await DetectCoreAsync(documents, cancellationToken).ConfigureAwait(false);
        return results;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DocumentSentiment>> AnalyzeSentimentAsync(IReadOnlyList<TextDocument> documents, CancellationToken cancellationToken)
    {
        DocumentValidation.Validate(documents);
        var languages = await ServiceLanguagesAsync(documents, null, cancellationToken).ConfigureAwait(false);
        return await SentimentCoreAsync(documents, languages, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<KeyPhraseResult>> ExtractKeyPhrasesAsync(IReadOnlyList<TextDocument> documents, CancellationToken cancellationToken)
    {
        DocumentValidation.Validate(documents);
        var languages = await ServiceLanguagesAsync(documents, null, cancellationToken).ConfigureAwait(false);
        return await KeyPhrasesCoreAsync(documents, languages, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PiiResult>> RecognizePiiAsync(IReadOnlyList<TextDocument> documents, CancellationToken cancellationToken)
    {
        DocumentValidation.Validate(documents);
        var languages = await ServiceLanguagesAsync(documents, null, cancellationToken).ConfigureAwait(false);
        return await PiiCoreAsync(documents, languages, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Themes come from the offline provider's grouping (seeded civic themes, then clustering on shared content
    /// words), computed locally: Azure AI Language has no theme clustering. No request is sent.
    /// </summary>
    public Task<IReadOnlyList<Theme>> FindThemesAsync(IReadOnlyList<TextDocument> documents, ThemeOptions options, CancellationToken cancellationToken) =>
        _themes.FindThemesAsync(documents, options, cancellationToken);

    /// <inheritdoc />
    public async Task<ExtractiveSummary> SummarizeAsync(IReadOnlyList<TextDocument> documents, SummaryOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        DocumentValidation.Validate(documents);
        var languages = await ServiceLanguagesAsync(documents, null, cancellationToken).ConfigureAwait(false);
        return await SummaryCoreAsync(documents, languages, options, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<CorpusAnalysis> AnalyzeAsync(IReadOnlyList<TextDocument> documents, CorpusAnalysisOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        DocumentValidation.Validate(documents);
        var (detected, iso) = await DetectCoreAsync(documents, cancellationToken).ConfigureAwait(false);
        var languages = await ServiceLanguagesAsync(documents, iso, cancellationToken).ConfigureAwait(false);
        var sentiment = await SentimentCoreAsync(documents, languages, cancellationToken).ConfigureAwait(false);
        var keyPhrases = await KeyPhrasesCoreAsync(documents, languages, cancellationToken).ConfigureAwait(false);
        var pii = await PiiCoreAsync(documents, languages, cancellationToken).ConfigureAwait(false);
        var summary = await SummaryCoreAsync(documents, languages, options.Summary, cancellationToken).ConfigureAwait(false);
        var themes = await _themes.FindThemesAsync(documents, options.Themes, cancellationToken).ConfigureAwait(false);
        var themeKeys = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var theme in themes)
        {
            foreach (var id in theme.DocumentIds)
            {
                (themeKeys.TryGetValue(id, out var keys) ? keys : themeKeys[id] = []).Add(theme.Key);
            }
        }

        var analyses = documents
            .Select((d, i) => new DocumentAnalysis(d.Id, detected[i], sentiment[i], keyPhrases[i].KeyPhrases, pii[i], themeKeys.TryGetValue(d.Id, out var k) ? k : []))
            .ToList();
        var top = keyPhrases
            .SelectMany(k => k.KeyPhrases.Distinct(StringComparer.Ordinal))
            .GroupBy(p => p, StringComparer.Ordinal)
            .Select(g => new KeyPhraseCount(g.Key, g.Count()))
            .OrderByDescending(c => c.Count)
            .ThenBy(c => c.Phrase, StringComparer.Ordinal)
            .Take(Math.Max(0, options.TopKeyPhrases))
            .ToList();
        return new CorpusAnalysis(analyses, themes, summary, top);
    }

    private async Task<(IReadOnlyList<LanguageResult> Results, string?[] Iso)> DetectCoreAsync(IReadOnlyList<TextDocument> documents, CancellationToken cancellationToken)
    {
        // The first slice of a long document is plenty to recognise its language.
        var pieces = Pieces(documents, new string?[documents.Count], firstSliceOnly: true);
        var parameters = new JsonObject { ["modelVersion"] = "latest" };
        var (byPiece, errors) = await RunKindAsync("LanguageDetection", parameters, pieces, documents, LanguageBatchSize, sendLanguage: false, cancellationToken).ConfigureAwait(false);
        var results = new LanguageResult[documents.Count];
        var iso = new string?[documents.Count];
        for (var i = 0; i < documents.Count; i++)
        {
            results[i] = new LanguageResult(documents[i].Id, Normalise(documents[i].LanguageHint) ?? LanguageResult.Other, 0);
        }

        foreach (var piece in pieces)
        {
            if (byPiece[piece.Index] is not { } doc || !doc.TryGetProperty("detectedLanguage", out var detected))
            {
                continue;
            }

            var code = detected.TryGetProperty("iso6391Name", out var n) ? n.GetString() : null;
            var confidence = detected.TryGetProperty("confidenceScore", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetDouble() : 0;
            var known = string.IsNullOrEmpty(code) || code.StartsWith('(') ? null : code.ToLowerInvariant();
            iso[piece.Document] = known;
            results[piece.Document] = new LanguageResult(documents[piece.Document].Id, Normalise(known) ?? LanguageResult.Other, confidence);
        }

        ThrowIfRejected("LanguageDetection", errors, documents, results, r => r.Id);
        return (results, iso);
    }

    private async Task<IReadOnlyList<DocumentSentiment>> SentimentCoreAsync(IReadOnlyList<TextDocument> documents, string?[] languages, CancellationToken cancellationToken)
    {
        var pieces = Pieces(documents, languages, firstSliceOnly: false);
        var parameters = new JsonObject { ["modelVersion"] = "latest", ["opinionMining"] = true, ["stringIndexType"] = Utf16 };
        var (byPiece, errors) = await RunKindAsync("SentimentAnalysis", parameters, pieces, documents, SentimentBatchSize, sendLanguage: true, cancellationToken).ConfigureAwait(false);
        var results = new DocumentSentiment[documents.Count];
        foreach (var (document, parts) in ByDocument(documents, pieces, byPiece))
        {
            results[document] = AzureLanguageResults.MergeSentiment(documents[document].Id, parts);
        }

        ThrowIfRejected("SentimentAnalysis", errors, documents, results, r => r.Id);
        return results;
    }

    private async Task<IReadOnlyList<KeyPhraseResult>> KeyPhrasesCoreAsync(IReadOnlyList<TextDocument> documents, string?[] languages, CancellationToken cancellationToken)
    {
        var pieces = Pieces(documents, languages, firstSliceOnly: false);
        var parameters = new JsonObject { ["modelVersion"] = "latest" };
        var (byPiece, errors) = await RunKindAsync("KeyPhraseExtraction", parameters, pieces, documents, KeyPhraseBatchSize, sendLanguage: true, cancellationToken).ConfigureAwait(false);
        var results = new KeyPhraseResult[documents.Count];
        foreach (var (document, parts) in ByDocument(documents, pieces, byPiece))
        {
            results[document] = AzureLanguageResults.MergeKeyPhrases(documents[document].Id, parts);
        }

        ThrowIfRejected("KeyPhraseExtraction", errors, documents, results, r => r.Id);
        return results;
    }

    private async Task<IReadOnlyList<PiiResult>> PiiCoreAsync(IReadOnlyList<TextDocument> documents, string?[] languages, CancellationToken cancellationToken)
    {
        var pieces = Pieces(documents, languages, firstSliceOnly: false);
        var categories = new JsonArray();
        foreach (var category in RequestedPiiCategories)
        {
            categories.Add(category);
        }

        var parameters = new JsonObject { ["modelVersion"] = "latest", ["domain"] = "none", ["piiCategories"] = categories, ["stringIndexType"] = Utf16 };
        var (byPiece, errors) = await RunKindAsync("PiiEntityRecognition", parameters, pieces, documents, PiiBatchSize, sendLanguage: true, cancellationToken).ConfigureAwait(false);
        var results = new PiiResult[documents.Count];
        foreach (var (document, parts) in ByDocument(documents, pieces, byPiece))
        {
            results[document] = AzureLanguageResults.MergePii(documents[document], parts, _logger);
        }

        ThrowIfRejected("PiiEntityRecognition", errors, documents, results, r => r.Id);
        return results;
    }

    private async Task<ExtractiveSummary> SummaryCoreAsync(IReadOnlyList<TextDocument> documents, string?[] languages, SummaryOptions options, CancellationToken cancellationToken)
    {
        var sentenceCount = Math.Clamp(options.MaxSentences, 1, 20);
        var candidates = new List<SummarySentence>();
        foreach (var part in SummaryInput.Pack(documents, languages, MaxTextElementsPerJob))
        {
            var document = new JsonObject { ["id"] = "0", ["text"] = part.Text };
            if (part.Language is not null)
            {
                document["language"] = part.Language;
            }

            var body = new JsonObject
            {
                ["displayName"] = "EngagementBot extractive summary",
                ["analysisInput"] = new JsonObject { ["documents"] = new JsonArray(document) },
                ["tasks"] = new JsonArray(new JsonObject
                {
                    ["kind"] = "ExtractiveSummarization",
                    ["taskName"] = "summary",
                    ["parameters"] = new JsonObject { ["modelVersion"] = "latest", ["sentenceCount"] = sentenceCount, ["sortBy"] = "Rank", ["stringIndexType"] = Utf16 },
                }),
            };
            var pages = await _client.RunJobAsync(body, cancellationToken).ConfigureAwait(false);
            try
            {
                candidates.AddRange(AzureLanguageResults.SummarySentences(pages, part));
            }
            finally
            {
                foreach (var page in pages)
                {
                    page.Dispose();
                }
            }
        }

        var best = candidates.OrderByDescending(s => s.RankScore).Take(sentenceCount).ToList();
        if (options.RedactSentences && best.Count > 0)
        {
            var sentenceDocs = best.Select((s, i) => new TextDocument("s" + i.ToString(CultureInfo.InvariantCulture), s.Text)).ToList();
            var sentenceLanguages = best.Select(s => languages[IndexOf(documents, s.DocumentIds[0])]).ToArray();
            var redacted = await PiiCoreAsync(sentenceDocs, sentenceLanguages, cancellationToken).ConfigureAwait(false);
            best = best.Select((s, i) => s with { Text = redacted[i].RedactedText }).ToList();
        }

        return new ExtractiveSummary(best);
    }

    private static int IndexOf(IReadOnlyList<TextDocument> documents, string id)
    {
        for (var i = 0; i < documents.Count; i++)
        {
            if (documents[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The language sent with each document: its hint, else the detected one (detected here when not given).</summary>
    private async Task<string?[]> ServiceLanguagesAsync(IReadOnlyList<TextDocument> documents, string?[]? detected, CancellationToken cancellationToken)
    {
        var languages = new string?[documents.Count];
        var missing = new List<int>();
        for (var i = 0; i < documents.Count; i++)
        {
            languages[i] = string.IsNullOrWhiteSpace(documents[i].LanguageHint) ? detected?[i] : ServiceLanguage(documents[i].LanguageHint!);
            if (languages[i] is null && detected is null && !string.IsNullOrWhiteSpace(documents[i].Text))
            {
                missing.Add(i);
            }
        }

        if (missing.Count > 0)
        {
            var (_, iso) = await DetectCoreAsync(missing.Select(i => documents[i]).ToList(), cancellationToken).ConfigureAwait(false);
            for (var k = 0; k < missing.Count; k++)
            {
                languages[missing[k]] = iso[k];
            }
        }

        return languages;
    }

    private async Task<(JsonElement?[] ByPiece, List<AzureLanguageDocumentError> Errors)> RunKindAsync(
        string kind, JsonObject parameters, IReadOnlyList<Piece> pieces, IReadOnlyList<TextDocument> documents, int batchSize, bool sendLanguage, CancellationToken cancellationToken)
    {
        var byPiece = new JsonElement?[pieces.Count];
        var errors = new List<AzureLanguageDocumentError>();
        var requests = 0;
        foreach (var batch in Batches(pieces, batchSize))
        {
            var array = new JsonArray();
            foreach (var piece in batch)
            {
                var document = new JsonObject { ["id"] = piece.Index.ToString(CultureInfo.InvariantCulture) };
                if (sendLanguage && piece.Language is not null)
                {
                    document["language"] = piece.Language;
                }

                document["text"] = piece.Text;
                array.Add(document);
            }

            var body = new JsonObject
            {
                ["kind"] = kind,
                ["parameters"] = parameters.DeepClone(),
                ["analysisInput"] = new JsonObject { ["documents"] = array },
            };
            using var json = await _client.AnalyzeTextAsync(body, cancellationToken).ConfigureAwait(false);
            requests++;
            if (!json.RootElement.TryGetProperty("results", out var results))
            {
                throw new AzureLanguageException($"Azure AI Language answered {kind} without 'results'; is TextAnalytics:AzureLanguage:Endpoint a Language resource?", 200, null);
            }

            var answered = new HashSet<int>();
            foreach (var doc in Array(results, "documents"))
            {
                if (PieceIndex(doc, pieces.Count) is { } index)
                {
                    byPiece[index] = doc.Clone();
                    answered.Add(index);
                }
            }

            foreach (var error in Array(results, "errors"))
            {
                if (PieceIndex(error, pieces.Count) is { } index)
                {
                    var (code, message) = AzureLanguageClient.ServiceError(error.TryGetProperty("error", out var e) ? e : error);
                    errors.Add(new AzureLanguageDocumentError(documents[pieces[index].Document].Id, code, message));
                    answered.Add(index);
                }
            }

            foreach (var piece in batch.Where(p => !answered.Contains(p.Index)))
            {
                errors.Add(new AzureLanguageDocumentError(documents[piece.Document].Id, "MissingResult", "The service returned neither a result nor an error for this document."));
            }
        }

        _logger.LogDebug("Azure AI Language {Kind}: {Pieces} piece(s) of {Documents} document(s) in {Requests} request(s)", kind, pieces.Count, documents.Count, requests);
        return (byPiece, errors);
    }

    private static IEnumerable<JsonElement> Array(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array ? array.EnumerateArray() : [];

    private static int? PieceIndex(JsonElement element, int count) =>
        element.TryGetProperty("id", out var id) && int.TryParse(id.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < count ? index : null;

    /// <summary>Batches of at most <paramref name="size"/> pieces whose texts stay under <see cref="MaxRequestTextBytes"/>.</summary>
    private static IEnumerable<List<Piece>> Batches(IReadOnlyList<Piece> pieces, int size)
    {
        var batch = new List<Piece>(Math.Min(size, pieces.Count));
        var bytes = 0;
        foreach (var piece in pieces)
        {
            var pieceBytes = Encoding.UTF8.GetByteCount(piece.Text);
            if (batch.Count > 0 && (batch.Count == size || bytes + pieceBytes > MaxRequestTextBytes))
            {
                yield return batch;
                batch = new List<Piece>(size);
                bytes = 0;
            }

            batch.Add(piece);
            bytes += pieceBytes;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    /// <summary>The pieces sent: every non-blank document, split into slices of ≤ 5,120 text elements.</summary>
    private static List<Piece> Pieces(IReadOnlyList<TextDocument> documents, string?[] languages, bool firstSliceOnly)
    {
        var pieces = new List<Piece>(documents.Count);
        for (var d = 0; d < documents.Count; d++)
        {
            var text = documents[d].Text;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            foreach (var slice in DocumentChunker.Split(text, MaxTextElementsPerDocument))
            {
                pieces.Add(new Piece(pieces.Count, d, slice.Offset, text.Substring(slice.Offset, slice.Length), languages[d]));
                if (firstSliceOnly)
                {
                    break;
                }
            }
        }

        return pieces;
    }

    private static IEnumerable<(int Document, List<(Piece Piece, JsonElement Result)> Parts)> ByDocument(IReadOnlyList<TextDocument> documents, List<Piece> pieces, JsonElement?[] byPiece)
    {
        var parts = new List<(Piece, JsonElement)>?[documents.Count];
        foreach (var piece in pieces)
        {
            if (byPiece[piece.Index] is { } result)
            {
                (parts[piece.Document] ??= []).Add((piece, result));
            }
        }

        for (var d = 0; d < documents.Count; d++)
        {
            // A blank document is never sent; a rejected one has no parts and is reported as an error.
            var rejected = parts[d] is null && !string.IsNullOrWhiteSpace(documents[d].Text);
            if (!rejected)
            {
                yield return (d, parts[d] ?? []);
            }
        }
    }

    private static void ThrowIfRejected<T>(string kind, List<AzureLanguageDocumentError> errors, IReadOnlyList<TextDocument> documents, IReadOnlyList<T?> results, Func<T, string> id)
        where T : class
    {
        if (errors.Count == 0)
        {
            return;
        }

        var rejected = errors.Select(e => e.DocumentId).ToHashSet(StringComparer.Ordinal);
        var partial = results.Where(r => r is not null && !rejected.Contains(id(r))).Select(r => r!).ToList();
        var distinct = errors.DistinctBy(e => (e.DocumentId, e.Code)).ToList();
        throw new AzureLanguageDocumentException(kind, distinct, partial);
    }

    /// <summary>A hint as the service expects it: "fr-CA" → "fr", "EN" → "en"; other languages passed through in lower case.</summary>
    private static string ServiceLanguage(string hint)
    {
        var normalised = Normalise(hint);
        return normalised is LanguageResult.French or LanguageResult.English ? normalised : hint.Trim().ToLowerInvariant();
    }

    private static string? Normalise(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return null;
        }

        var l = language.Trim().ToLowerInvariant();
        return l.StartsWith("fr", StringComparison.Ordinal) ? LanguageResult.French
            : l.StartsWith("en", StringComparison.Ordinal) ? LanguageResult.English
            : LanguageResult.Other;
    }
}

/// <summary>A slice of one document sent as its own service document; <see cref="Index"/> is its id on the wire.</summary>
internal sealed record Piece(int Index, int Document, int Offset, string Text, string? Language);
