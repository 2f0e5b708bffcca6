using EngagementBot.Analytics.Model;

namespace EngagementBot.Analytics.Tests.Azure;

/// <summary>AnalyzeAsync over the service: every kind once, themes from the offline grouping without any request.</summary>
public sealed class AzureLanguageCorpusTests
{
    private static readonly TextDocument[] Comments =
    [
        new("c1", "The splash pad is great for the kids. Email me at ana@example.org."),
        new("c2", "Les jeux d'eau sont super pour les enfants."),
        new("c3", "The dog park lighting is terrible at night."),
    ];

    [Fact]
    public async Task Analyze_calls_each_kind_and_joins_the_results_per_document()
    {
        await using var stub = await LanguageStubServer.StartAsync();

        var analysis = await AzureTestAnalyzer.Create(stub).AnalyzeAsync(Comments, new CorpusAnalysisOptions { Summary = new SummaryOptions { MaxSentences = 2 } }, CancellationToken.None);

        Assert.Equal(
            ["LanguageDetection", "SentimentAnalysis", "KeyPhraseExtraction", "PiiEntityRecognition", "PiiEntityRecognition"],
            stub.AnalyzeTextRequests.Select(r => r.Kind));
        Assert.Equal(2, stub.Requests.Count(r => r.Path == "/language/analyze-text/jobs"));
        Assert.Equal(["en", "fr", "en"], analysis.Documents.Select(d => d.Language.Language));
        Assert.Equal("fr", stub.AnalyzeTextRequests[1].Documents[1]!["language"]!.GetValue<string>());
        Assert.Equal([SentimentLabel.Positive, SentimentLabel.Positive, SentimentLabel.Negative], analysis.Documents.Select(d => d.Sentiment.Sentiment));
        Assert.Equal("The splash pad is great for the kids. Email me at [EMAIL].", analysis.Documents[0].Pii.RedactedText);
        Assert.Contains(analysis.Themes, t => t.DocumentIds.Contains("c3"));
        Assert.All(analysis.Documents, d => Assert.All(d.ThemeKeys, k => Assert.Contains(analysis.Themes, t => t.Key == k && t.DocumentIds.Contains(d.Id))));
        Assert.NotEmpty(analysis.Summary.Sentences);
        Assert.Contains(analysis.TopKeyPhrases, k => k.Phrase == "lighting");
    }

    [Fact]
    public async Task Themes_are_grouped_locally_without_any_request()
    {
        await using var stub = await LanguageStubServer.StartAsync();

        var themes = await AzureTestAnalyzer.Create(stub).FindThemesAsync(Comments, new ThemeOptions { DisplayLanguage = "en" }, CancellationToken.None);

        Assert.Empty(stub.Requests);
        Assert.Contains(themes, t => t.DocumentIds.Contains("c1") && t.DocumentIds.Contains("c2"));
    }
}
