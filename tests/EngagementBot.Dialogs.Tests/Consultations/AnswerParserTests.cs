using EngagementBot.Dialogs.Consultations;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Dialogs.Tests.Consultations;

/// <summary>Reading typed answers of every question type, in French and English, and the reasons given for refusals.</summary>
public sealed class AnswerParserTests
{
    private static readonly ChoiceQuestion Frequency = new()
    {
        Id = "frequency",
        Prompt = new("Fréquence?", "Frequency?"),
        Options =
        [
            new("daily", new("Presque tous les jours", "Almost every day")),
            new("weekly", new("Chaque semaine", "Every week")),
            new("never", new("Jamais", "Never")),
        ],
    };

    [Theory]
    [InlineData("2", "weekly")]
    [InlineData("weekly", "weekly")]
    [InlineData("Every week", "weekly")]
    [InlineData("chaque semaine", "weekly")]
    [InlineData("Chaque smaine", "weekly")]
    [InlineData("  JAMAIS! ", "never")]
    [InlineData("presque tous les jour", "daily")]
    public void Choice_accepts_number_id_label_in_either_language_and_close_spelling(string text, string expected)
    {
        var parsed = AnswerParser.Parse(Frequency, text, "fr");

        Assert.Equal(new ChoiceAnswer(expected), parsed.Value);
    }

    private static readonly MultiChoiceQuestion Activities = new()
    {
        Id = "activities",
        Prompt = new("Activités?", "Activities?"),
        Options =
        [
            new("walk", new("Marcher ou courir", "Walking or running")),
            new("bike", new("Faire du vélo", "Cycling")),
            new("kids", new("Jouer avec les enfants", "Playing with the kids")),
            new("dog", new("Promener mon chien", "Walking my dog")),
            new("nature", new("Observer la nature au bord de l'eau", "Enjoying nature by the water")),
        ],
        MaxSelections = 3,
    };

    [Theory]
    [InlineData("marcher et le vélo", new[] { "walk", "bike" })]
    [InlineData("surtout mon chien, la nature", new[] { "dog", "nature" })]
    [InlineData("les enfants", new[] { "kids" })]
    [InlineData("cycling and dogs", new[] { "bike", "dog" })]
    [InlineData("running, 2", new[] { "walk", "bike" })]
    [InlineData("by the water please", new[] { "nature" })]
    [InlineData("d'abord le vélo, puis les enfants", new[] { "bike", "kids" })]
    public void Multi_choice_accepts_a_meaningful_word_of_one_option(string text, string[] expected)
    {
        var parsed = AnswerParser.Parse(Activities, text, "fr");

        Assert.True(parsed.Value is MultiChoiceAnswer, parsed.Error);
        Assert.Equal(expected, ((MultiChoiceAnswer)parsed.Value!).OptionIds);
    }

    [Theory]
    [InlineData("le parc")] // in no option
    [InlineData("de la")] // says nothing
    public void A_word_in_no_option_is_refused_with_the_reason(string text)
    {
        var parsed = AnswerParser.Parse(Activities, text, "en");

        Assert.Null(parsed.Value);
        Assert.Contains("is not one of the options", parsed.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("walking", "en", "«walking» fits several options: 1. Walking or running; 4. Walking my dog. Answer with the number of the one you mean.")]
    [InlineData("cycling, walking", "en", "«walking» fits several options: 1. Walking or running; 4. Walking my dog.")]
    [InlineData("walking", "fr", "«\u00a0walking\u00a0» correspond à plusieurs choix\u00a0: 1. Marcher ou courir; 4. Promener mon chien.")]
    public void A_word_in_several_options_is_not_guessed_the_reply_lists_them_with_their_numbers(string text, string language, string reason)
    {
        var parsed = AnswerParser.Parse(Activities, text, language);

        Assert.Null(parsed.Value);
        Assert.Contains(reason, parsed.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4", "en", "«4» is not one of the options. Answer with a number from 1 to 3")]
    [InlineData("souvent", "fr", "«\u00a0souvent\u00a0» ne fait pas partie des choix. Répondez par un numéro de 1 à 3")]
    public void Choice_refusal_says_why_and_how(string text, string language, string reason)
    {
        var parsed = AnswerParser.Parse(Frequency, text, language);

        Assert.Null(parsed.Value);
        Assert.Contains(reason, parsed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Multi_choice_checks_bounds_and_duplicates()
    {
        var question = new MultiChoiceQuestion { Id = "m", Prompt = Frequency.Prompt, Options = Frequency.Options, MinSelections = 1, MaxSelections = 2 };

        Assert.Equal(["daily", "never"], ((MultiChoiceAnswer)AnswerParser.Parse(question, "1 et jamais", "fr").Value!).OptionIds);
        Assert.Equal(["daily", "weekly"], ((MultiChoiceAnswer)AnswerParser.Parse(question, "daily,weekly", "en").Value!).OptionIds);
        Assert.Contains("pick between 1 and 2 options", AnswerParser.Parse(question, "1, 2, 3", "en").Error, StringComparison.Ordinal);
        Assert.Contains("only be given once", AnswerParser.Parse(question, "1, 1", "en").Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12,5", 12.5)]
    [InlineData("12.5", 12.5)]
    [InlineData("1 250,75 $", 1250.75)]
    [InlineData("-3", -3)]
    public void Number_accepts_french_decimal_comma_and_spaces(string text, double expected)
    {
        var question = new NumberQuestion { Id = "n", Prompt = Frequency.Prompt, Min = -10, Max = 2000, Decimals = 2 };

        Assert.Equal(new NumberAnswer((decimal)expected), AnswerParser.Parse(question, text, "fr").Value);
    }

    [Theory]
    [InlineData("about 15 minutes", 15)]
    [InlineData("environ 12,5 $ par année", 12.5)]
    [InlineData("à peu près 1 250 $", 1250)]
    public void Number_surrounded_by_words_is_read_when_it_is_the_only_one(string text, double expected)
    {
        var question = new NumberQuestion { Id = "n", Prompt = Frequency.Prompt, Min = -10, Max = 2000, Decimals = 2 };

        Assert.Equal(new NumberAnswer((decimal)expected), AnswerParser.Parse(question, text, "fr").Value);
    }

    [Theory]
    [InlineData("10 or 15")]
    [InlineData("between 5 and 10 minutes")]
    public void Two_numbers_in_the_text_are_not_guessed(string text)
    {
        var question = new NumberQuestion { Id = "n", Prompt = Frequency.Prompt, Min = -10, Max = 2000 };

        Assert.Null(AnswerParser.Parse(question, text, "en").Value);
    }

    [Theory]
    [InlineData("2001", "le nombre doit être entre -10 et 2000")]
    [InlineData("1,234", "utilisez au plus 2 décimales")]
    [InlineData("beaucoup", "n'est pas un nombre")]
    public void Number_refusals_are_explained_in_french(string text, string reason)
    {
        var question = new NumberQuestion { Id = "n", Prompt = Frequency.Prompt, Min = -10, Max = 2000, Decimals = 2 };

        Assert.Contains(reason, AnswerParser.Parse(question, text, "fr").Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2028-06-17")]
    [InlineData("17/06/2028")]
    [InlineData("17 juin 2028")]
    [InlineData("June 17, 2028")]
    [InlineData("June 17 2028")]
    public void Date_accepts_iso_french_and_english_forms(string text)
    {
        var question = new DateQuestion { Id = "d", Prompt = Frequency.Prompt, Earliest = new DateOnly(2028, 5, 1), Latest = new DateOnly(2028, 10, 31) };

        Assert.Equal(new DateAnswer(new DateOnly(2028, 6, 17)), AnswerParser.Parse(question, text, "en").Value);
    }

    [Theory]
    [InlineData(2028, 5, 1, "fr", "1er mai 2028")]
    [InlineData(2028, 5, 2, "fr", "2 mai 2028")]
    [InlineData(2028, 10, 31, "fr", "31 octobre 2028")]
    [InlineData(2028, 5, 1, "en", "May 1, 2028")]
    public void Dates_read_as_written_in_each_language_the_first_of_the_month_is_1er_in_french(int year, int month, int day, string language, string expected) =>
        Assert.Equal(expected, Dates.Format(new DateOnly(year, month, day), language));

    [Theory]
    [InlineData("June 17")]
    [InlineData("the 17th of June")]
    [InlineData("le 17 juin")]
    [InlineData("17 juin")]
    [InlineData("17/06")]
    public void Date_without_a_year_takes_the_year_of_the_question_when_it_has_only_one(string text)
    {
        var question = new DateQuestion { Id = "d", Prompt = Frequency.Prompt, Earliest = new DateOnly(2028, 5, 1), Latest = new DateOnly(2028, 10, 31) };

        Assert.Equal(new DateAnswer(new DateOnly(2028, 6, 17)), AnswerParser.Parse(question, text, "en").Value);
    }

    [Fact]
    public void Date_without_a_year_is_refused_when_the_question_spans_several_years()
    {
        var question = new DateQuestion { Id = "d", Prompt = Frequency.Prompt, Earliest = new DateOnly(2028, 5, 1), Latest = new DateOnly(2029, 10, 31) };

        Assert.Contains("not a date I can read", AnswerParser.Parse(question, "June 17", "en").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Date_out_of_range_gives_the_range()
    {
        var question = new DateQuestion { Id = "d", Prompt = Frequency.Prompt, Earliest = new DateOnly(2028, 5, 1), Latest = new DateOnly(2028, 10, 31) };

        Assert.Contains("between May 1, 2028 and October 31, 2028", AnswerParser.Parse(question, "2028-12-25", "en").Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("oui", true)]
    [InlineData("Yes", true)]
    [InlineData("1", true)]
    [InlineData("non", false)]
    [InlineData("No.", false)]
    [InlineData("2", false)]
    public void Yes_no_in_both_languages_and_by_number(string text, bool expected) =>
        Assert.Equal(new YesNoAnswer(expected), AnswerParser.Parse(new YesNoQuestion { Id = "y", Prompt = Frequency.Prompt }, text, "fr").Value);

    [Fact]
    public void Rating_accepts_point_or_label_and_refuses_out_of_scale()
    {
        var question = new RatingQuestion { Id = "r", Prompt = Frequency.Prompt, Labels = new Dictionary<int, LocalizedText> { [5] = new("Tout à fait", "Completely") } };

        Assert.Equal(new RatingAnswer(3), AnswerParser.Parse(question, "3", "en").Value);
        Assert.Equal(new RatingAnswer(5), AnswerParser.Parse(question, "tout a fait", "fr").Value);
        Assert.Contains("donnez un nombre entier de 1 à 5", AnswerParser.Parse(question, "6", "fr").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Ranking_needs_exactly_the_rank_count()
    {
        var question = new RankingQuestion { Id = "k", Prompt = Frequency.Prompt, Options = Frequency.Options, RankCount = 2 };

        Assert.Equal(["never", "daily"], ((RankingAnswer)AnswerParser.Parse(question, "3 1", "en").Value!).OptionIds);
        Assert.Contains("rank exactly 2 different options", AnswerParser.Parse(question, "3", "en").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_over_the_limit_says_the_length_and_the_limit()
    {
        var question = new TextQuestion { Id = "t", Prompt = Frequency.Prompt, MaxLength = 5 };

        Assert.Equal(new TextAnswer("short"), AnswerParser.Parse(question, "short", "en").Value);
        Assert.Contains("your answer has 6 characters; the limit is 5", AnswerParser.Parse(question, "longer", "en").Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("English please", GlobalCommand.English)]
    [InlineData("en français", GlobalCommand.French)]
    [InlineData("AIDE", GlobalCommand.Help)]
    [InlineData("annuler", GlobalCommand.Cancel)]
    [InlineData("état", GlobalCommand.Status)]
    [InlineData("me désabonner", GlobalCommand.Stop)]
    [InlineData("?", GlobalCommand.Help)]
    [InlineData(" ? ", GlobalCommand.Help)]
    [InlineData("", GlobalCommand.None)]
    [InlineData("!", GlobalCommand.None)]
    [InlineData("Chaque semaine", GlobalCommand.None)]
    public void Global_commands_are_recognized_in_both_languages(string text, GlobalCommand expected) =>
        Assert.Equal(expected, Commands.Detect(text));

    [Theory]
    [InlineData("change 3", 3)]
    [InlineData("modifier la réponse 2", 2)]
    [InlineData("change answer #4", 4)]
    [InlineData("modifier", 0)]
    public void Change_requests_give_the_answer_number(string text, int expected) =>
        Assert.Equal(expected, Commands.ChangeRequest(text));
}
