using EngagementBot.Dialogs.Insights;

namespace EngagementBot.Dialogs.Tests.Insights;

/// <summary>What staff type to ask for a summary or a theme, in English and French.</summary>
public sealed class InsightsCommandParserTests
{
    [Fact]
    public void The_english_summary_with_every_filter()
    {
        Assert.True(InsightsCommandParser.TryParse("summary berges-2026 question q5 since 2026-11-01 until 2026-12-31 fr", out var command, out _));

        Assert.Equal(InsightsCommandKind.Summary, command.Kind);
        Assert.Equal(["berges-2026"], command.Words);
        Assert.Equal(new InsightsFilter(null, "q5", new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 31), "fr"), command.Filter);
    }

    [Fact]
    public void The_french_summary_with_accents_and_french_keywords()
    {
        Assert.True(InsightsCommandParser.TryParse("Résumé parc-des-berges depuis 2026-11-15 anglais", out var command, out _));

        Assert.Equal(InsightsCommandKind.Summary, command.Kind);
        Assert.Equal(["parc-des-berges"], command.Words);
        Assert.Equal(new DateOnly(2026, 11, 15), command.Filter.Since);
        Assert.Equal("en", command.Filter.Language);
    }

    [Theory]
    [InlineData("thème stationnement", "stationnement")]
    [InlineData("theme dog park", "dog park")]
    public void A_theme_keeps_its_words(string text, string name)
    {
        Assert.True(InsightsCommandParser.TryParse(text, out var command, out _));

        Assert.Equal(InsightsCommandKind.Theme, command.Kind);
        Assert.Equal(name, string.Join(' ', command.Words));
    }

    [Theory]
    [InlineData("summary since yesterday", "yesterday")]
    [InlineData("summary since 2026-13-01", "2026-13-01")]
    [InlineData("summary question", "question")]
    [InlineData("summary since 2026-12-01 until 2026-11-01", "2026-11-01")]
    public void A_malformed_filter_names_the_word_that_could_not_be_read(string text, string word)
    {
        Assert.False(InsightsCommandParser.TryParse(text, out _, out var error));
        Assert.Equal(word, error);
    }

    [Theory]
    [InlineData("what is the summary?")]
    [InlineData("start")]
    [InlineData("")]
    public void Other_messages_are_not_commands(string text) => Assert.Null(InsightsCommandParser.KindOf(text));

    [Fact]
    public void Filters_round_trip_through_export_link_parameters()
    {
        var filter = new InsightsFilter("berges-2026", "comments", new DateOnly(2026, 11, 1), null, "en");
        var pairs = filter.ToPairs().ToDictionary(p => p.Key, p => p.Value);

        Assert.True(InsightsFilter.TryFromPairs(pairs.GetValueOrDefault, out var back, out _));
        Assert.Equal(filter, back);
        Assert.False(InsightsFilter.TryFromPairs(name => name == "since" ? "2026-02-30" : null, out _, out var invalid));
        Assert.Equal("since", invalid);
    }

    [Fact]
    public void Themes_are_found_by_key_label_part_or_close_spelling()
    {
        ThemeInsight[] themes = [new("parking", "Parking", 5, []), new("lighting_safety", "Éclairage et sécurité", 3, []), new("dog_park", "Dog park", 2, [])];

        Assert.Equal("parking", ThemeMatcher.Find(themes, "PARKING")?.Key);
        Assert.Equal("lighting_safety", ThemeMatcher.Find(themes, "eclairage")?.Key);
        Assert.Equal("dog_park", ThemeMatcher.Find(themes, "dog_park")?.Key);
        Assert.Equal("parking", ThemeMatcher.Find(themes, "parkng")?.Key);
        Assert.Null(ThemeMatcher.Find(themes, "budget"));
    }
}
