using EngagementBot.Dialogs.Understanding.Text;

namespace EngagementBot.Dialogs.Tests.Understanding;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("C'EST RENDU OÙ ???", "ce est rendu ou")]
    [InlineData("Y’a tu une réunion?", "il y a tu une reunion")]
    [InlineData("ya tu qqch de prévu", "il y a tu quelque chose de prevu")]
    [InlineData("I wanna know, gonna be done?", "i want to know going to be done")]
    [InlineData("what's new, I don't know", "what is new i do not know")]
    [InlineData("can't won't", "can not will not")]
    [InlineData("Qu'est-ce que l'équipe fait", "que est ce que le equipe fait")]
    [InlineData("chu pas sûr pantoute 😅👍", "je suis pas sur pas du tout")]
    [InlineData("noooon pleaaase", "noon pleaase")]
    [InlineData("Œuvre cœur", "oeuvre coeur")]
    [InlineData("a-t-il commencé", "a il commence")]
    [InlineData("the park's hours", "the park hours")]
    [InlineData("lol c quand", "ce est quand")]
    [InlineData("jveux pu rien recevoir c'te semaine", "je veux plus rien recevoir cette semaine")]
    [InlineData("", "")]
    [InlineData("🙂 !!! ...", "")]
    public void Normalizes_casual_french_and_english(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.NormalizeToString(input));

    [Theory]
    [InlineData("inscriptions", "inscript")]
    [InlineData("registering", "register")]
    [InlineData("commencent", "commenc")]
    [InlineData("arbres", "arbr")]
    [InlineData("arbre", "arbr")]
    [InlineData("dog", "dog")]
    public void Stems_are_prefixes_shared_by_inflections(string word, string stem) =>
        Assert.Equal(stem, LightStemmer.Stem(word).ToString());

    [Fact]
    public void Corrects_a_typo_to_the_most_frequent_known_word_one_edit_away()
    {
        var corrector = new SpellingCorrector(new Dictionary<string, int> { ["stationnement"] = 5, ["newsletter"] = 3, ["desabonner"] = 2 });

        Assert.Equal("stationnement", corrector.Correct("stationement").ToString());
        Assert.Equal("newsletter", corrector.Correct("newslettre").ToString());
        Assert.Equal("desabonner", corrector.Correct("desabonnerr").ToString());
        Assert.True(corrector.Correct("newsletter").IsEmpty);
        Assert.True(corrector.Correct("bicyclette").IsEmpty);
    }

    [Fact]
    public void Long_messages_are_normalized_without_failing()
    {
        var text = string.Concat(Enumerable.Repeat("Où est rendu le projet du parc? ", 200));
        var normalized = TextNormalizer.NormalizeToString(text);
        Assert.StartsWith("ou est rendu le projet du parc ou est", normalized, StringComparison.Ordinal);
    }
}
