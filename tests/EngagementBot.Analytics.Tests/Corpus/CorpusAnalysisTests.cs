using EngagementBot.Analytics.Model;
using EngagementBot.Analytics.Tests.Support;

namespace EngagementBot.Analytics.Tests.Corpus;

/// <summary>Themes, extractive summary with citations, key phrases and batch validation.</summary>
public sealed class CorpusAnalysisTests
{
    [Fact]
    public async Task Summary_sentences_cite_real_ids_and_come_from_their_first_source()
    {
        var lines = DevData.Feedback;
        var byId = lines.ToDictionary(l => l.Id);
        var summary = await Analyzer.Offline.SummarizeAsync(lines.Select(l => l.ToDocument()).ToList(), new SummaryOptions { MaxSentences = 6, RedactSentences = false }, CancellationToken.None);
        Assert.InRange(summary.Sentences.Count, 3, 6);
        foreach (var sentence in summary.Sentences)
        {
            Assert.NotEmpty(sentence.DocumentIds);
            Assert.All(sentence.DocumentIds, id => Assert.True(byId.ContainsKey(id), $"unknown id {id}"));
            Assert.Equal(sentence.DocumentIds.Count, sentence.DocumentIds.Distinct().Count());
            Assert.Contains(sentence.Text, byId[sentence.DocumentIds[0]].Text, StringComparison.Ordinal);
            Assert.InRange(sentence.RankScore, 0.0, 1.0);
        }
    }

    [Fact]
    public async Task A_point_many_people_make_is_summarised_once_and_cites_all_of_them()
    {
        var docs = new List<TextDocument>
        {
            new("a", "Le sentier près de la rivière est trop sombre le soir, il faut plus d'éclairage."),
            new("b", "Le soir, le sentier de la rivière est sombre et il manque d'éclairage."),
            new("c", "Plus d'éclairage sur le sentier de la rivière le soir, c'est trop sombre."),
            new("d", "Les jeux d'eau seront parfaits pour les enfants cet été, bravo."),
            new("e", "The dog park should be fenced with a double gate for safety."),
        };
        var summary = await Analyzer.Offline.SummarizeAsync(docs, new SummaryOptions { MaxSentences = 2 }, CancellationToken.None);
        var first = summary.Sentences[0];
        Assert.Equal(["a", "b", "c"], first.DocumentIds.Order().ToArray());
        Assert.Contains("sentier", first.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summary_sentences_are_redacted_by_default()
    {
        var docs = Enumerable.Range(0, 4).Select(i => new TextDocument($"d{i}", $"Le sentier de la rivière manque d'éclairage le soir, appelez-moi au 514-555-01{i}9 pour le sentier.")).ToList();
        var summary = await Analyzer.Offline.SummarizeAsync(docs, new SummaryOptions(), CancellationToken.None);
        Assert.All(summary.Sentences, s => Assert.DoesNotContain("555", s.Text, StringComparison.Ordinal));
        Assert.Contains(summary.Sentences, s => s.Text.Contains("[PHONE]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Themes_have_labels_in_the_display_language_counts_and_quotes_from_members()
    {
        var docs = new List<TextDocument>
        {
            new("1", "Un parc à chiens clôturé, enfin!"),
            new("2", "The dog park is too close to my house, the barking will be constant."),
            new("3", "Mon chien adore l'idée du parc canin."),
            new("4", "Le chalet devrait ouvrir l'hiver."),
            new("5", "The chalet needs heating in winter."),
            new("6", "Rénovez le chalet avant tout."),
        };
        var fr = await Analyzer.Offline.FindThemesAsync(docs, new ThemeOptions { DisplayLanguage = "fr", MinDiscoveredThemeSize = 3 }, CancellationToken.None);
        var dog = Assert.Single(fr, t => t.Key == "dog_park");
        Assert.Equal("Parc à chiens", dog.Label);
        Assert.Equal(3, dog.Count);
        Assert.Equal(["1", "2", "3"], dog.DocumentIds.Order().ToArray());
        Assert.InRange(dog.Quotes.Count, 1, 3);
        Assert.All(dog.Quotes, q => Assert.Contains(q.DocumentId, dog.DocumentIds));
        var chalet = Assert.Single(fr, t => t.Key == "kw:chalet");
        Assert.Equal(3, chalet.Count);
        Assert.Contains("chalet", chalet.Label, StringComparison.Ordinal);

        var en = await Analyzer.Offline.FindThemesAsync(docs, new ThemeOptions { DisplayLanguage = "en" }, CancellationToken.None);
        Assert.Equal("Dog park", Assert.Single(en, t => t.Key == "dog_park").Label);
    }

    [Fact]
    public async Task Theme_quotes_are_redacted()
    {
        var docs = new List<TextDocument> { new("1", "Je m'appelle Julie Tremblay et le parc à chiens est une bonne idée.") };
        var themes = await Analyzer.Offline.FindThemesAsync(docs, new ThemeOptions(), CancellationToken.None);
        var quote = Assert.Single(Assert.Single(themes).Quotes);
        Assert.Equal("Je m'appelle [NAME] et le parc à chiens est une bonne idée.", quote.Text);
    }

    [Fact]
    public async Task Key_phrases_keep_multiword_terms_and_leave_out_personal_data()
    {
        var results = await Analyzer.Offline.ExtractKeyPhrasesAsync([new TextDocument("k", "Le parc à chiens est trop près des jeux d'eau. Écrivez à marie.roy@exemple.ca")], CancellationToken.None);
        var phrases = results[0].KeyPhrases;
        Assert.Contains("parc à chiens", phrases);
        Assert.Contains("jeux d'eau", phrases);
        Assert.DoesNotContain(phrases, p => p.Contains("exemple", StringComparison.Ordinal) || p.Contains("marie", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Analyze_returns_one_result_per_document_in_input_order()
    {
        var lines = DevData.Feedback.Take(40).ToList();
        var analysis = await Analyzer.Offline.AnalyzeAsync(lines.Select(l => l.ToDocument()).ToList(), new CorpusAnalysisOptions(), CancellationToken.None);
        Assert.Equal(lines.Select(l => l.Id), analysis.Documents.Select(d => d.Id));
        Assert.All(analysis.Documents, d => Assert.Equal(d.Id, d.Sentiment.Id));
        var kept = analysis.Themes.Select(t => t.Key).ToHashSet();
        Assert.All(analysis.Documents, d => Assert.All(d.ThemeKeys, k => Assert.Contains(k, kept)));
        Assert.NotEmpty(analysis.TopKeyPhrases);
    }

    [Fact]
    public async Task Empty_emoji_only_and_other_language_documents_are_analysed()
    {
        var docs = new List<TextDocument> { new("empty", ""), new("emoji", "👍👍"), new("es", "El parque es muy bonito."), new("space", "   \n  ") };
        var analysis = await Analyzer.Offline.AnalyzeAsync(docs, new CorpusAnalysisOptions(), CancellationToken.None);
        var empty = analysis.Documents[0];
        Assert.Equal(SentimentLabel.Neutral, empty.Sentiment.Sentiment);
        Assert.Empty(empty.Sentiment.Sentences);
        Assert.Empty(empty.KeyPhrases);
        Assert.Equal("", empty.Pii.RedactedText);
        Assert.True(analysis.Documents[1].Sentiment.Scores.LeansPositive);
        Assert.Equal("other", analysis.Documents[2].Language.Language);
        Assert.Equal(SentimentLabel.Neutral, analysis.Documents[3].Sentiment.Sentiment);
    }

    [Fact]
    public async Task Corpus_key_phrases_are_topics_not_opinions_or_generic_words()
    {
        var docs = Enumerable.Range(0, 6).Select(i => new TextDocument($"d{i}", i % 2 == 0 ? "Love the splash pad. Great plan." : "J'adore les jeux d'eau. Super projet.")).ToList();
        var analysis = await Analyzer.Offline.AnalyzeAsync(docs, new CorpusAnalysisOptions(), CancellationToken.None);
        var phrases = analysis.TopKeyPhrases.Select(k => k.Phrase).ToList();
        Assert.Contains("splash pad", phrases);
        Assert.Contains("jeux d'eau", phrases);
        Assert.DoesNotContain("love", phrases);
        Assert.DoesNotContain("projet", phrases);
        Assert.DoesNotContain("plan", phrases);
    }

    [Fact]
    public async Task Bad_batches_get_a_clear_error()
    {
        var duplicate = await Assert.ThrowsAsync<ArgumentException>(() => Analyzer.Offline.AnalyzeSentimentAsync([new("x", "a"), new("x", "b")], CancellationToken.None));
        Assert.Contains("'x' appears more than once", duplicate.Message, StringComparison.Ordinal);
        var empty = await Assert.ThrowsAsync<ArgumentException>(() => Analyzer.Offline.RecognizePiiAsync([new(" ", "a")], CancellationToken.None));
        Assert.Contains("empty id", empty.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_token_stops_the_analysis()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Analyzer.Offline.AnalyzeAsync([new("x", "Bonjour")], new CorpusAnalysisOptions(), cts.Token));
    }

    [Fact]
    public async Task An_empty_batch_gives_empty_results()
    {
        var analysis = await Analyzer.Offline.AnalyzeAsync([], new CorpusAnalysisOptions(), CancellationToken.None);
        Assert.Empty(analysis.Documents);
        Assert.Empty(analysis.Themes);
        Assert.Empty(analysis.Summary.Sentences);
    }
}
