using EngagementBot.Dialogs.Understanding.Faq;

namespace EngagementBot.Dialogs.Tests.Understanding;

public sealed class FaqIndexTests
{
    private static readonly FaqIndex Index = new(RiversideParkFaq.Entries);

    [Theory]
    [InlineData("Devrai-je payer pour me stationner près du parc?", "parking")]
    [InlineData("will i have to pay to park my car there", "parking")]
    [InlineData("les pitous vont-ils avoir un endroit pour courir sans laisse", "dog-park")]
    [InlineData("Can my dog run off leash somewhere?", "dog-park")]
    [InlineData("Allez-vous abattre les vieux arbres le long de la rive?", "trees")]
    [InlineData("are you cutting down trees", "trees")]
    [InlineData("combien la ville depense pour ce parc", "budget")]
    [InlineData("whats the price tag of the project", "budget")]
    [InlineData("y aura-t-il des salles de bain / toilettes pour fauteuils roulants", "washrooms")]
    [InlineData("any accessible restrooms", "washrooms")]
    [InlineData("Le parc va être éclairé toute la nuit?", "lighting")]
    [InlineData("are the paths lit after dark", "lighting")]
    [InlineData("à quelle heure ferme le parc le soir", "hours")]
    [InlineData("what time does the park close", "hours")]
    [InlineData("faut tu payer pour les jeux d'eau", "splash-pad")]
    [InlineData("do we pay for the splash pad", "splash-pad")]
    [InlineData("peut-on rouler en vélo électrique sur la piste cyclable", "bike-path")]
    [InlineData("are ebikes ok on the bike path", "bike-path")]
    [InlineData("Le parc sera-t-il fermé durant le chantier?", "closure")]
    [InlineData("can we still walk in the park during construction", "closure")]
    [InlineData("mes taxes foncieres vont tu monter", "taxes")]
    [InlineData("STATIONEMENT GRATUIT???", "parking")]
    public void Finds_the_entry_for_differently_phrased_questions(string question, string expectedId)
    {
        var match = Index.FindBestMatch(question);

        Assert.NotNull(match);
        Assert.Equal(expectedId, match.Entry.Id);
        Assert.InRange(match.Confidence, Index.MinConfidence, 1.0);
    }

    [Theory]
    [InlineData("When is garbage pickup on my street?")]
    [InlineData("comment renouveler mon passeport")]
    [InlineData("tell me a joke")]
    [InlineData("qui a gagné la partie hier soir")]
    [InlineData("")]
    [InlineData("?!")]
    public void Returns_nothing_when_no_entry_answers_the_question(string question) =>
        Assert.Null(Index.FindBestMatch(question));

    [Fact]
    public void Search_ranks_entries_best_first_even_below_the_threshold()
    {
        var ranked = Index.Search("parking and trees", 3);

        Assert.True(ranked.Count >= 2);
        Assert.Contains(ranked.Take(2), m => m.Entry.Id == "parking");
        Assert.Contains(ranked.Take(2), m => m.Entry.Id == "trees");
        Assert.True(ranked[0].Score >= ranked[1].Score);
    }

    [Fact]
    public void A_stricter_threshold_returns_nothing_for_a_partial_match()
    {
        var strict = new FaqIndex(RiversideParkFaq.Entries, minConfidence: 0.95);
        Assert.Null(strict.FindBestMatch("will there be parking for the farmers market on sundays"));
        Assert.NotNull(Index.Search("will there be parking for the farmers market on sundays", 1).SingleOrDefault());
    }

    [Fact]
    public void An_empty_faq_answers_nothing_and_bad_arguments_are_rejected()
    {
        var empty = new FaqIndex([]);
        Assert.Null(empty.FindBestMatch("parking?"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaqIndex([], minConfidence: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Index.Search("parking", 0));
    }
}
