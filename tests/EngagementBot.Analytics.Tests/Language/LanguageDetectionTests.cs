using EngagementBot.Analytics.Model;
using EngagementBot.Analytics.Tests.Support;

namespace EngagementBot.Analytics.Tests.Language;

/// <summary>fr / en / other.</summary>
public sealed class LanguageDetectionTests
{
    [Theory]
    [InlineData("Les jeux d'eau sont une bonne idée pour les familles du quartier.", "fr")]
    [InlineData("chu pas sûr que ça va marcher pis le stationnement est plein", "fr")]
    [InlineData("The splash pad is a great idea for the families in the neighbourhood.", "en")]
    [InlineData("paying to park at a public park we allready pay for through taxes?? no", "en")]
    [InlineData("El parque necesita más bancos y una fuente para los niños.", "other")]
    [InlineData("Der Park ist sehr schön, aber es gibt nicht genug Bänke.", "other")]
    [InlineData("Il parco è molto bello ma servono più panchine per gli anziani.", "other")]
    [InlineData("公园需要更多的长椅。", "other")]
    [InlineData("", "other")]
    public void Detects_french_english_or_other(string text, string expected) => Assert.Equal(expected, Analyzer.Language(text).Language);

    [Fact]
    public void A_hint_decides_when_the_text_gives_no_signal()
    {
        Assert.Equal("en", Analyzer.Language("👍👍", "en").Language);
        Assert.Equal("fr", Analyzer.Language("👍👍", "fr").Language);
    }

    [Fact]
    public async Task All_dev_lines_are_detected_in_their_labelled_language()
    {
        var lines = DevData.Feedback;
        var results = await Analyzer.Offline.DetectLanguageAsync(lines.Select(l => l.ToDocument()).ToList(), CancellationToken.None);
        var correct = lines.Where((l, i) => results[i].Language == l.Lang).Count();
        Assert.True(correct >= lines.Count * 0.97, $"{correct}/{lines.Count} languages right");
        Assert.All(results, r => Assert.InRange(r.Confidence, 0.0, 1.0));
    }
}
