using System.Globalization;
using System.Text;
using EngagementBot.Analytics.Azure;
using EngagementBot.Analytics.Model;

namespace EngagementBot.Analytics.Tests.Azure;

/// <summary>Documents over 5,120 text elements are split at sentence ends and their results merged back onto the whole document.</summary>
public sealed class AzureLanguageLongDocumentTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_long_document_is_sent_in_slices_under_the_limit_and_sentence_offsets_are_rebased()
    {
        await using var stub = await LanguageStubServer.StartAsync();
        var text = LongText(sentences: 260);
        Assert.True(text.Length > 2 * AzureLanguageTextAnalyzer.MaxTextElementsPerDocument);

        var result = Assert.Single(await AzureTestAnalyzer.Create(stub).AnalyzeSentimentAsync([new TextDocument("long", text, "en")], None));

        var request = Assert.Single(stub.AnalyzeTextRequests);
        var slices = request.Documents.Select(d => d!["text"]!.GetValue<string>()).ToList();
        Assert.Equal(3, slices.Count);
        Assert.Equal(text, string.Concat(slices));
        Assert.All(slices, s => Assert.True(new StringInfo(s).LengthInTextElements <= AzureLanguageTextAnalyzer.MaxTextElementsPerDocument));
        Assert.All(slices.SkipLast(1), s => Assert.EndsWith(". ", s, StringComparison.Ordinal));

        // Every sentence of the whole text comes back once, at its offset in the whole text.
        Assert.Equal(LanguageStubServer.Sentences(text).Count, result.Sentences.Count);
        Assert.All(result.Sentences, s => Assert.Equal(text.Substring(s.Offset, s.Length), s.Text));
        Assert.True(result.Sentences.Zip(result.Sentences.Skip(1)).All(p => p.First.Offset + p.First.Length <= p.Second.Offset));
        Assert.Equal(SentimentLabel.Mixed, result.Sentiment);
        Assert.Equal(1.0, result.Scores.Positive + result.Scores.Neutral + result.Scores.Negative, 6);
    }

    [Fact]
    public async Task Pii_in_a_later_slice_is_found_at_its_offset_in_the_whole_document()
    {
        await using var stub = await LanguageStubServer.StartAsync();
        var text = LongText(sentences: 200) + "Reach me at camille.roy@example.org today.";

        var result = Assert.Single(await AzureTestAnalyzer.Create(stub).RecognizePiiAsync([new TextDocument("long", text, "en")], None));

        Assert.True(stub.AnalyzeTextRequests[0].Documents.Count >= 2);
        var email = Assert.Single(result.Entities);
        Assert.Equal(text.IndexOf("camille.roy@example.org", StringComparison.Ordinal), email.Offset);
        Assert.Equal("camille.roy@example.org", email.Text);
        Assert.EndsWith("Reach me at [EMAIL] today.", result.RedactedText, StringComparison.Ordinal);
        Assert.Equal(text.Length - email.Length + "[EMAIL]".Length, result.RedactedText.Length);
    }

    [Fact]
    public async Task Key_phrases_of_slices_are_merged_without_duplicates()
    {
        await using var stub = await LanguageStubServer.StartAsync();
        var text = LongText(sentences: 200);

        var result = Assert.Single(await AzureTestAnalyzer.Create(stub).ExtractKeyPhrasesAsync([new TextDocument("long", text, "en")], None));

        Assert.True(stub.AnalyzeTextRequests[0].Documents.Count >= 2);
        Assert.Equal(result.KeyPhrases.Distinct().Count(), result.KeyPhrases.Count);
        Assert.Contains("playground", result.KeyPhrases);
    }

    [Fact]
    public void The_limit_counts_text_elements_not_utf16_code_units()
    {
        var emoji = string.Concat(Enumerable.Repeat("👍", 5000));
        Assert.Equal([new TextSlice(0, emoji.Length)], DocumentChunker.Split(emoji, 5120));

        var spaced = string.Concat(Enumerable.Repeat("👍 ", 3000));
        var slices = DocumentChunker.Split(spaced, 5120);
        Assert.Equal(2, slices.Count);
        Assert.Equal(spaced.Length, slices.Sum(s => s.Length));
        Assert.Equal(slices[0].Length, slices[1].Offset);
        Assert.All(slices, s => Assert.True(new StringInfo(spaced.Substring(s.Offset, s.Length)).LengthInTextElements <= 5120));
        Assert.False(char.IsLowSurrogate(spaced[slices[1].Offset]));
    }

    [Fact]
    public void A_text_without_sentence_ends_or_spaces_is_cut_at_the_limit()
    {
        var text = new string('a', 12_000);
        var slices = DocumentChunker.Split(text, 5120);
        Assert.Equal([new TextSlice(0, 5120), new TextSlice(5120, 5120), new TextSlice(10240, 1760)], slices);
    }

    [Fact]
    public void A_decimal_point_is_not_a_sentence_end()
    {
        var text = string.Concat(Enumerable.Repeat("It cost 3.5 million dollars. ", 10));
        var slices = DocumentChunker.Split(text, 40);
        Assert.All(slices.SkipLast(1), s => Assert.EndsWith("dollars. ", text.Substring(s.Offset, s.Length), StringComparison.Ordinal));
    }

    private static string LongText(int sentences)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < sentences; i++)
        {
            builder.Append(i % 3 == 0 ? $"The playground number {i} is great for children. " : i % 3 == 1 ? $"Bench {i} near the fountain is terrible at night. " : $"Path {i} was repaved in the spring. ");
        }

        return builder.ToString();
    }
}
