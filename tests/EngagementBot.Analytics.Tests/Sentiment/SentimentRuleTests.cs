using EngagementBot.Analytics.Model;
using EngagementBot.Analytics.Tests.Support;

namespace EngagementBot.Analytics.Tests.Sentiment;

/// <summary>Negation, contrast, intensity, Quebec French, emojis, accent-less text and typos.</summary>
public sealed class SentimentRuleTests
{
    [Theory]
    [InlineData("The new path is good.", "The new path is not good.")]
    [InlineData("The lighting is safe.", "The lighting isn't safe.")]
    [InlineData("I like the plan.", "I don't like the plan.")]
    [InlineData("C'est bien.", "Ce n'est pas bien.")]
    [InlineData("C'est beau.", "C'est pas beau.")]
    [InlineData("J'aime ça.", "J'aime pas ça.")]
    [InlineData("Le sentier est sécuritaire.", "Le sentier n'est jamais sécuritaire.")]
    public void Negation_flips_polarity(string affirmative, string negated)
    {
        Assert.True(Analyzer.Polarity(affirmative) > 0, affirmative);
        Assert.True(Analyzer.Polarity(negated) < 0, negated);
    }

    [Theory]
    [InlineData("Le parc est beau, mais l'éclairage est dangereux.", false)]
    [InlineData("The plan looks nice but the parking situation is terrible.", false)]
    [InlineData("Le chantier sera bruyant, mais le résultat sera magnifique.", true)]
    [InlineData("Construction will be noisy, but the result will be wonderful.", true)]
    [InlineData("Les bancs sont bien. Par contre, la rampe est dangereuse et inutilisable.", false)]
    [InlineData("It is expensive. However, it is a great investment for the kids.", true)]
    public void The_clause_after_a_contrast_weighs_more(string text, bool positive)
    {
        Assert.Equal(positive, Analyzer.Sentiment(text).Scores.LeansPositive);
    }

    [Theory]
    [InlineData("C'est pas pire pantoute, les jeux d'eau!", true)]
    [InlineData("Les jeux d'eau, c'est le fun.", true)]
    [InlineData("J'haïs pas ça pantoute l'idée de la piste cyclable.", true)]
    [InlineData("Chu ben content du plan.", true)]
    [InlineData("Le bruit des camions le matin, c'est tannant.", false)]
    [InlineData("C'est plate en maudit, y'a rien pour les ados.", false)]
    [InlineData("Ça a pas d'allure, ce stationnement payant.", false)]
    public void Quebec_expressions_are_understood(string text, bool positive)
    {
        Assert.Equal(positive, Analyzer.Sentiment(text).Scores.LeansPositive);
    }

    [Theory]
    [InlineData("Les jeux d'eau 😍", true)]
    [InlineData("The new benches 👍", true)]
    [InlineData("Encore des travaux 😡", false)]
    [InlineData("Paid parking 👎", false)]
    [InlineData("Super pour nous autres 🙄", false)]
    public void Emojis_carry_sentiment(string text, bool positive)
    {
        Assert.Equal(positive, Analyzer.Sentiment(text).Scores.LeansPositive);
    }

    [Fact]
    public void Intensifiers_strengthen_and_diminishers_soften()
    {
        Assert.True(Analyzer.Polarity("Le plan est vraiment excellent.") >= Analyzer.Polarity("Le plan est correct."));
        Assert.True(Analyzer.Polarity("C'est très décevant.") < Analyzer.Polarity("C'est un peu décevant."));
        Assert.True(Analyzer.Polarity("This is extremely bad.") < Analyzer.Polarity("This is slightly bad."));
    }

    [Theory]
    [InlineData("c'est genial, tres bien pense", true)]
    [InlineData("tres decue du resultat, inacceptable", false)]
    [InlineData("Magnifque projet, bravo", true)]
    [InlineData("C'est dangeureux pour les enfants", false)]
    [InlineData("The ramp is terible and unusabel", false)]
    public void Accentless_text_and_typos_are_understood(string text, bool positive)
    {
        Assert.Equal(positive, Analyzer.Sentiment(text).Scores.LeansPositive);
    }

    [Fact]
    public void Sentences_are_scored_separately_and_the_document_is_mixed()
    {
        var result = Analyzer.Sentiment("J'adore les nouveaux arbres, c'est magnifique! Par contre le stationnement payant est une mauvaise idée.");
        Assert.Equal(2, result.Sentences.Count);
        Assert.Equal(SentimentLabel.Positive, result.Sentences[0].Sentiment);
        Assert.Equal(SentimentLabel.Negative, result.Sentences[1].Sentiment);
        Assert.Equal(SentimentLabel.Mixed, result.Sentiment);
        Assert.Equal(0, result.Sentences[0].Offset);
        Assert.StartsWith("Par contre", result.Sentences[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_without_opinion_is_neutral_and_scores_sum_to_one()
    {
        var result = Analyzer.Sentiment("Les lampadaires actuels s'éteignent vers 23h.");
        Assert.Equal(SentimentLabel.Neutral, result.Sentiment);
        Assert.Equal(1.0, result.Scores.Positive + result.Scores.Neutral + result.Scores.Negative, 2);
    }
}
