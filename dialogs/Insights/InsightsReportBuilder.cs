using EngagementBot.Analytics;
using EngagementBot.Analytics.Model;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.Options;

namespace EngagementBot.Dialogs.Insights;

/// <summary>
/// Computes a report: reads the responses of the scope page by page, takes the free-text answers as the feedback,
/// runs the text analyzer over them and the KPIs over the stored data.
/// </summary>
public sealed class InsightsReportBuilder(
    InsightsScopeResolver resolver,
    IResponseStore responses,
    IParticipantStore participants,
    ICitizenQuestionStore questions,
    INotificationStore notifications,
    ITextAnalyzer analyzer,
    IOptions<InsightsOptions> options,
    TimeProvider timeProvider)
{
    /// <summary>Builds the report of <paramref name="filter"/>, with labels in <paramref name="language"/>.</summary>
    public async Task<InsightsReport> BuildAsync(InsightsFilter filter, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var scope = await resolver.ResolveAsync(filter, language, cancellationToken);
        var now = timeProvider.GetUtcNow();

        var citizenResponses = new List<Response>();
        foreach (var consultation in scope.Consultations)
        {
            citizenResponses.AddRange((await Pages.AllAsync((p, ct) => responses.ListByConsultationAsync(consultation.Id, p, ct), cancellationToken))
                .Where(r => filter.InPeriod(r.StartedAt)));
        }

        var importedResponses = new List<Response>();
        foreach (var consultation in scope.Imported)
        {
            importedResponses.AddRange(await Pages.AllAsync((p, ct) => responses.ListByConsultationAsync(consultation.Id, p, ct), cancellationToken));
        }

        var people = new Dictionary<string, Participant>(StringComparer.Ordinal);
        foreach (var id in citizenResponses.Select(r => r.ParticipantId).Distinct(StringComparer.Ordinal))
        {
            if (await participants.GetAsync(id, cancellationToken) is { } participant)
            {
                people[id] = participant;
            }
        }

        var comments = await AnalyseAsync(filter, language, citizenResponses.Concat(importedResponses), people, cancellationToken);
        var kpis = KpiCalculator.Compute(await LoadKpiInputsAsync(filter, scope, citizenResponses, people, now, cancellationToken));
        return new InsightsReport
        {
            Filter = filter,
            ScopeLabel = scope.Label(language),
            GeneratedAt = now,
            Responses = citizenResponses.Count,
            Submitted = citizenResponses.Count(r => r.SubmittedAt is not null),
            Sentiment = comments.Sentiment,
            Themes = comments.Themes,
            Summary = comments.Summary,
            KeyPhrases = comments.KeyPhrases,
            Languages = comments.Languages,
            Kpis = kpis,
            Comments = comments.Rows,
        };
    }

    private async Task<AnalysedComments> AnalyseAsync(
        InsightsFilter filter, string language, IEnumerable<Response> all, Dictionary<string, Participant> people, CancellationToken cancellationToken)
    {
        var found = new List<(Response Response, Answer Answer, string Text)>();
        foreach (var response in all)
        {
            foreach (var answer in response.Answers)
            {
                if (answer.Value is TextAnswer { Text: { } text } && !string.IsNullOrWhiteSpace(text)
                    && (filter.QuestionId is null || answer.QuestionId == filter.QuestionId)
                    && filter.InPeriod(answer.AnsweredAt))
                {
                    found.Add((response, answer, text));
                }
            }
        }

        var selected = found.OrderByDescending(f => f.Answer.AnsweredAt).Take(options.Value.MaxComments).OrderBy(f => f.Response.Id, StringComparer.Ordinal).ThenBy(f => f.Answer.QuestionId, StringComparer.Ordinal).ToList();
        var documents = selected.Select(f => new TextDocument(
            DocumentId(f.Response.Id, f.Answer.QuestionId),
            f.Text,
            people.TryGetValue(f.Response.ParticipantId, out var p) ? p.PreferredLanguage : null)).ToList();
        if (filter.Language is { } wanted && documents.Count > 0)
        {
            var detected = await analyzer.DetectLanguageAsync(documents, cancellationToken);
            var keep = detected.Where(d => d.Language == wanted).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            selected = [.. selected.Where(f => keep.Contains(DocumentId(f.Response.Id, f.Answer.QuestionId)))];
            documents = [.. documents.Where(d => keep.Contains(d.Id))];
        }

        if (documents.Count == 0)
        {
            return AnalysedComments.Empty;
        }

        var analysis = await analyzer.AnalyzeAsync(
            documents,
            new CorpusAnalysisOptions { Themes = new ThemeOptions { DisplayLanguage = language, RedactQuotes = true, MaxQuotes = 3 }, Summary = new SummaryOptions { RedactSentences = true } },
            cancellationToken);
        var labels = analysis.Themes.ToDictionary(t => t.Key, t => t.Label, StringComparer.Ordinal);
        var rows = new List<CommentInsight>(analysis.Documents.Count);
        for (var i = 0; i < analysis.Documents.Count; i++)
        {
            var document = analysis.Documents[i];
            var source = selected[i];
            rows.Add(new CommentInsight(
                source.Response.Id,
                source.Response.ConsultationId,
                source.Answer.QuestionId,
                source.Answer.AnsweredAt,
                document.Language.Language,
                document.Sentiment.Sentiment,
                document.Sentiment.Scores,
                document.ThemeKeys,
                [.. document.ThemeKeys.Select(k => labels.GetValueOrDefault(k, k))],
                document.Pii.RedactedText));
        }

        // Key phrases come from the original text: drop any that overlaps personal data found in the comments.
        var personal = analysis.Documents.SelectMany(d => d.Pii.Entities).Select(e => e.Text.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var keyPhrases = analysis.TopKeyPhrases
            .Where(k => !personal.Any(p => p.Contains(k.Phrase, StringComparison.OrdinalIgnoreCase) || k.Phrase.Contains(p, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        var sentiments = rows.CountBy(r => r.Sentiment).ToDictionary(g => g.Key, g => g.Value);
        return new AnalysedComments(
            rows,
            new SentimentBreakdown(
                sentiments.GetValueOrDefault(SentimentLabel.Positive),
                sentiments.GetValueOrDefault(SentimentLabel.Neutral),
                sentiments.GetValueOrDefault(SentimentLabel.Negative),
                sentiments.GetValueOrDefault(SentimentLabel.Mixed)),
            [.. analysis.Themes.Select(t => new ThemeInsight(t.Key, t.Label, t.Count, [.. t.Quotes.Select(q => new Quote(ResponseIdOf(q.DocumentId), q.Text))]))],
            [.. analysis.Summary.Sentences.Select(s => new SummaryLine(s.Text, [.. s.DocumentIds.Select(ResponseIdOf).Distinct(StringComparer.Ordinal)]))],
            keyPhrases,
            new LanguageSplit(rows.Count(r => r.Language == LanguageResult.French), rows.Count(r => r.Language == LanguageResult.English), rows.Count(r => r.Language is not (LanguageResult.French or LanguageResult.English))));
    }

    private async Task<KpiInputs> LoadKpiInputsAsync(
        InsightsFilter filter, InsightsScope scope, List<Response> citizenResponses, Dictionary<string, Participant> people, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var slugs = scope.Projects.Select(p => p.Slug).ToHashSet(StringComparer.Ordinal);
        var allQuestions = await Pages.AllAsync((p, ct) => questions.ListAsync(null, p, ct), cancellationToken);
        var scopedQuestions = allQuestions
            .Where(q => (filter.Scope is null || (q.ProjectSlug is not null && slugs.Contains(q.ProjectSlug))) && filter.InPeriod(q.AskedAt))
            .ToList();

        var published = new List<Notification>();
        var deliveries = new List<Delivery>();
        foreach (var slug in slugs)
        {
            foreach (var notification in await Pages.AllAsync((p, ct) => notifications.ListByProjectAsync(slug, p, ct), cancellationToken))
            {
                if (notification.Status is NotificationStatus.Queued or NotificationStatus.Completed && filter.InPeriod(notification.CreatedAt))
                {
                    published.Add(notification);
                    deliveries.AddRange(await Pages.AllAsync((p, ct) => notifications.ListDeliveriesAsync(notification.Id, p, ct), cancellationToken));
                }
            }
        }

        var activity = new Dictionary<string, IReadOnlyList<DateTimeOffset>>(StringComparer.Ordinal);
        foreach (var participantId in deliveries.Where(d => d.Status == DeliveryStatus.Sent).Select(d => d.ParticipantId).Distinct(StringComparer.Ordinal))
        {
            var instants = new List<DateTimeOffset>();
            foreach (var response in await responses.ListByParticipantAsync(participantId, cancellationToken))
            {
                instants.Add(response.StartedAt);
                instants.AddRange(response.Answers.Select(a => a.AnsweredAt));
                if (response.SubmittedAt is { } submitted)
                {
                    instants.Add(submitted);
                }
            }

            instants.AddRange((await questions.ListByParticipantAsync(participantId, cancellationToken)).Select(q => q.AskedAt));
            activity[participantId] = instants;
        }

        return new KpiInputs
        {
            Now = now,
            Responses = citizenResponses,
            Consultations = scope.Consultations,
            Projects = scope.Projects,
            Participants = people,
            Questions = scopedQuestions,
            Notifications = published,
            Deliveries = deliveries,
            RecipientActivity = activity,
            AnswerTarget = options.Value.AnswerTarget,
            ReturnWindow = options.Value.ReturnWindow,
        };
    }

    private static string DocumentId(string responseId, string questionId) => responseId + ":" + questionId;

    private static string ResponseIdOf(string documentId) => documentId.Split(':', 2)[0];

    private sealed record AnalysedComments(
        IReadOnlyList<CommentInsight> Rows,
        SentimentBreakdown Sentiment,
        IReadOnlyList<ThemeInsight> Themes,
        IReadOnlyList<SummaryLine> Summary,
        IReadOnlyList<KeyPhraseCount> KeyPhrases,
        LanguageSplit Languages)
    {
        public static AnalysedComments Empty { get; } = new([], new SentimentBreakdown(0, 0, 0, 0), [], [], [], new LanguageSplit(0, 0, 0));
    }
}
