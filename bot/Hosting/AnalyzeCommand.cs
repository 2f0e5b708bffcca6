using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using EngagementBot.Analytics;
using EngagementBot.Analytics.Model;
using EngagementBot.Dialogs.Insights;

namespace EngagementBot.Bot.Hosting;

/// <summary>
/// <c>analyze &lt;file.csv|file.jsonl&gt; [--text-column C] [--id-column C] [--lang-column C] [--out FILE] [--import PROJECT]</c>:
/// feedback gathered elsewhere (survey exports, social-media posts, e-mails) through the same analyzer staff
/// summaries use. Writes one JSON line per item (language, sentiment with scores, key phrases, themes, PII
/// spans, redacted text) to <c>--out</c> or standard output, then a summary report. A bad row is reported
/// with its line number and skipped — never silently dropped. With <c>--import</c> the good rows are also
/// stored as feedback of the project (<see cref="ImportedFeedback"/>) so they appear in staff summaries.
/// </summary>
public sealed class AnalyzeCommand(ITextAnalyzer analyzer, Func<CancellationToken, Task<FeedbackImporter>>? importer = null)
{
    public const string Usage =
        "Usage: dotnet run --project bot -- analyze <file.csv|file.jsonl> [--text-column C] [--id-column C] [--lang-column C] [--out FILE] [--import PROJECT]";

    private static readonly JsonWriterOptions LineOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <returns>0 when every row was analysed, 1 when some rows were skipped or the file could not be read, 2 for bad usage.</returns>
    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!AnalyzeArguments.TryParse(args, out var arguments, out var usageError))
        {
            await error.WriteLineAsync(usageError);
            await error.WriteLineAsync(Usage);
            return 2;
        }

        if (!File.Exists(arguments.File))
        {
            await error.WriteLineAsync($"File not found: {Path.GetFullPath(arguments.File)}");
            return 2;
        }

        FeedbackFile feedback;
        try
        {
            feedback = arguments.File.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
                ? FeedbackFile.ReadCsv(arguments)
                : FeedbackFile.ReadJsonLines(arguments);
        }
        catch (InvalidDataException exception)
        {
            await error.WriteLineAsync(exception.Message);
            return 1;
        }

        EngagementBot.Storage.Domain.Project? project = null;
        if (arguments.Import is { } slug)
        {
            if (importer is null)
            {
                await error.WriteLineAsync("--import needs the bot's storage; run it through 'dotnet run --project bot -- analyze …'.");
                return 2;
            }

            project = await (await importer(cancellationToken)).FindProjectAsync(slug, cancellationToken);
            if (project is null)
            {
                var known = await (await importer(cancellationToken)).ProjectSlugsAsync(cancellationToken);
                await error.WriteLineAsync($"Unknown project '{slug}'. Projects: {(known.Count == 0 ? "none (import content first: 'import ../storage/Content/Demo')" : string.Join(", ", known))}.");
                return 2;
            }
        }

        foreach (var problem in feedback.Problems)
        {
            await error.WriteLineAsync($"{arguments.File}:{problem.Line}: skipped: {problem.Reason}");
        }

        var documents = feedback.Items.Select(i => new TextDocument(i.Id, i.Text, i.Language)).ToList();
        var analysis = documents.Count == 0
            ? new CorpusAnalysis([], [], new ExtractiveSummary([]), [])
            : await analyzer.AnalyzeAsync(documents, new CorpusAnalysisOptions(), cancellationToken);

        var themeLabels = analysis.Themes.ToDictionary(t => t.Key, t => t.Label, StringComparer.Ordinal);
        await using (var lines = arguments.Out is null ? null : new StreamWriter(arguments.Out, append: false, new UTF8Encoding(false)))
        {
            var target = lines ?? output;
            for (var i = 0; i < analysis.Documents.Count; i++)
            {
                await target.WriteLineAsync(ItemLine(feedback.Items[i].Line, analysis.Documents[i], themeLabels));
            }
        }

        var report = arguments.Out is null ? error : output;
        await report.WriteLineAsync(SummaryReport(feedback, analysis));
        if (project is not null && importer is not null)
        {
            var outcome = await (await importer(cancellationToken)).ImportAsync(project, [.. feedback.Items.Select(i => new ImportItem(i.Id, i.Text))], cancellationToken);
            await report.WriteLineAsync(
                $"Imported {outcome.Created + outcome.Updated} item(s) as feedback of '{project.Slug}' (consultation {outcome.ConsultationId}): " +
                $"{outcome.Created} new, {outcome.Updated} updated; skipped {feedback.Problems.Count}. Ask the bot 'summary {project.Slug}'.");
        }

        return feedback.Problems.Count == 0 ? 0 : 1;
    }

    private static string ItemLine(int line, DocumentAnalysis document, Dictionary<string, string> themeLabels)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, LineOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("line", line);
            json.WriteString("id", document.Id);
            json.WriteString("language", document.Language.Language);
            json.WriteString("sentiment", document.Sentiment.Sentiment.ToString().ToLowerInvariant());
            json.WriteStartObject("scores");
            json.WriteNumber("positive", Math.Round(document.Sentiment.Scores.Positive, 3));
            json.WriteNumber("neutral", Math.Round(document.Sentiment.Scores.Neutral, 3));
            json.WriteNumber("negative", Math.Round(document.Sentiment.Scores.Negative, 3));
            json.WriteEndObject();
            json.WriteStartArray("keyPhrases");
            foreach (var phrase in document.KeyPhrases)
            {
                json.WriteStringValue(phrase);
            }

            json.WriteEndArray();
            json.WriteStartArray("themes");
            foreach (var key in document.ThemeKeys)
            {
                json.WriteStringValue(themeLabels.GetValueOrDefault(key, key));
            }

            json.WriteEndArray();
            json.WriteStartArray("pii");
            foreach (var entity in document.Pii.Entities)
            {
                json.WriteStartObject();
                json.WriteString("category", entity.Category.ToString());
                json.WriteString("text", entity.Text);
                json.WriteNumber("offset", entity.Offset);
                json.WriteNumber("length", entity.Length);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("redactedText", document.Pii.RedactedText);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string SummaryReport(FeedbackFile feedback, CorpusAnalysis analysis)
    {
        var report = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        report.AppendLine(culture, $"Analysed {analysis.Documents.Count} item(s); skipped {feedback.Problems.Count}.");
        if (analysis.Documents.Count == 0)
        {
            return report.ToString();
        }

        report.AppendLine("Sentiment:");
        foreach (var group in analysis.Documents.GroupBy(d => d.Sentiment.Sentiment).OrderByDescending(g => g.Count()))
        {
            report.AppendLine(culture, $"  {group.Key,-9} {group.Count(),6}  ({100.0 * group.Count() / analysis.Documents.Count:0.0} %)");
        }

        report.AppendLine(culture, $"Languages: {string.Join(", ", analysis.Documents.GroupBy(d => d.Language.Language).Select(g => $"{g.Key} {g.Count()}"))}");
        report.AppendLine("Themes:");
        foreach (var theme in analysis.Themes.Take(10))
        {
            report.AppendLine(culture, $"  {theme.Label} ({theme.Count})");
            foreach (var quote in theme.Quotes)
            {
                report.AppendLine(culture, $"    \"{quote.Text}\" [{quote.DocumentId}]");
            }
        }

        report.AppendLine("Summary:");
        foreach (var sentence in analysis.Summary.Sentences)
        {
            report.AppendLine(culture, $"  {sentence.Text} [{string.Join(", ", sentence.DocumentIds)}]");
        }

        report.Append(culture, $"Key phrases: {string.Join(", ", analysis.TopKeyPhrases.Select(k => $"{k.Phrase} ({k.Count})"))}");
        return report.ToString();
    }
}

/// <summary>The options of <see cref="AnalyzeCommand"/>.</summary>
internal sealed record AnalyzeArguments(string File, string? TextColumn, string? IdColumn, string? LanguageColumn, string? Out, string? Import = null)
{
    public static bool TryParse(IReadOnlyList<string> args, out AnalyzeArguments parsed, out string error)
    {
        parsed = new AnalyzeArguments(string.Empty, null, null, null, null);
        error = string.Empty;
        string? file = null;
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is "--text-column" or "--id-column" or "--lang-column" or "--out" or "--import")
            {
                if (i + 1 >= args.Count)
                {
                    error = $"{args[i]} needs a value.";
                    return false;
                }

                options[args[i]] = args[++i];
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                error = $"Unknown option '{args[i]}'.";
                return false;
            }
            else if (file is null)
            {
                file = args[i];
            }
            else
            {
                error = $"Unexpected argument '{args[i]}': give one file.";
                return false;
            }
        }

        if (file is null)
        {
            error = "Which file? Give a .csv or .jsonl file of comments.";
            return false;
        }

        parsed = new AnalyzeArguments(file, options.GetValueOrDefault("--text-column"), options.GetValueOrDefault("--id-column"), options.GetValueOrDefault("--lang-column"), options.GetValueOrDefault("--out"), options.GetValueOrDefault("--import"));
        return true;
    }
}

/// <summary>Comments read from a CSV or JSON-lines file, with the rows that could not be used.</summary>
internal sealed class FeedbackFile
{
    private static readonly string[] TextColumns = ["text", "comment", "commentaire", "message", "feedback"];
    private static readonly string[] IdColumns = ["id", "response_id", "responseId"];
    private static readonly string[] LanguageColumns = ["lang", "language", "langue"];

    public List<FeedbackItem> Items { get; } = [];

    public List<(int Line, string Reason)> Problems { get; } = [];

    public static FeedbackFile ReadJsonLines(AnalyzeArguments arguments)
    {
        var file = new FeedbackFile();
        var textName = arguments.TextColumn ?? "text";
        var lineNumber = 0;
        foreach (var line in File.ReadLines(arguments.File))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var item = JsonDocument.Parse(line);
                if (item.RootElement.ValueKind != JsonValueKind.Object)
                {
                    file.Problems.Add((lineNumber, "not a JSON object"));
                    continue;
                }

                var root = item.RootElement;
                var text = StringProperty(root, textName);
                if (string.IsNullOrWhiteSpace(text))
                {
                    file.Problems.Add((lineNumber, $"no text in \"{textName}\""));
                    continue;
                }

                var id = StringProperty(root, arguments.IdColumn ?? "id") ?? $"line-{lineNumber}";
                file.Add(lineNumber, id, text, StringProperty(root, arguments.LanguageColumn ?? "lang"));
            }
            catch (JsonException exception)
            {
                file.Problems.Add((lineNumber, $"invalid JSON ({exception.Message.Split('.')[0]})"));
            }
        }

        return file;
    }

    public static FeedbackFile ReadCsv(AnalyzeArguments arguments)
    {
        var file = new FeedbackFile();
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            BadDataFound = null,
            MissingFieldFound = null,
            TrimOptions = TrimOptions.Trim,
        };
        using var reader = new StreamReader(arguments.File, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, configuration);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
        {
            throw new InvalidDataException($"{arguments.File}: the CSV file has no header row.");
        }

        var header = csv.HeaderRecord;
        var textColumn = Column(header, arguments.TextColumn, TextColumns)
            ?? throw new InvalidDataException(
                $"{arguments.File}: no text column {(arguments.TextColumn is null ? $"(looked for {string.Join(", ", TextColumns)})" : $"'{arguments.TextColumn}'")}; " +
                $"columns are: {string.Join(", ", header)}. Choose one with --text-column.");
        var idColumn = Column(header, arguments.IdColumn, IdColumns);
        var languageColumn = Column(header, arguments.LanguageColumn, LanguageColumns);
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            var text = csv.GetField(textColumn);
            if (string.IsNullOrWhiteSpace(text))
            {
                file.Problems.Add((line, $"no text in column '{header[textColumn]}'"));
                continue;
            }

            var id = idColumn is { } i && csv.GetField(i) is { Length: > 0 } value ? value : $"line-{line}";
            file.Add(line, id, text, languageColumn is { } l ? csv.GetField(l) : null);
        }

        return file;
    }

    private void Add(int line, string id, string text, string? language)
    {
        if (Items.Any(i => i.Id == id))
        {
            Problems.Add((line, $"duplicate id '{id}'"));
            return;
        }

        var hint = language?.Trim().ToLowerInvariant() is "fr" or "en" ? language.Trim().ToLowerInvariant() : null;
        Items.Add(new FeedbackItem(line, id, text, hint));
    }

    private static int? Column(string[] header, string? requested, string[] candidates)
    {
        foreach (var name in requested is null ? candidates : [requested])
        {
            var index = Array.FindIndex(header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                return index;
            }
        }

        return null;
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>One comment to analyse and the line it came from.</summary>
internal sealed record FeedbackItem(int Line, string Id, string Text, string? Language);
