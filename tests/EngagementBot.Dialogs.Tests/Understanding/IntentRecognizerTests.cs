using System.Globalization;
using System.Text;
using EngagementBot.Dialogs.Understanding;

namespace EngagementBot.Dialogs.Tests.Understanding;

public sealed class IntentRecognizerTests
{
    // Sentences of the project's own training set, with their intents.
    public static TheoryData<string, string> OwnSentences => new()
    {
        { "où en est rendu le projet", Intents.ProjectStatus },
        { "quel est le calendrier du projet", Intents.ProjectTimeline },
        { "comment s'inscrire à la séance d'information", Intents.ProjectKeyDates },
        { "les dernières nouvelles du projet", Intents.ProjectNews },
        { "who's going to read my comments", Intents.ProjectListeners },
        { "what were the results of the survey", Intents.ProjectResults },
        { "est-ce que mes suggestions seront prises en compte", Intents.ProjectImpact },
        { "je voudrais partager mes idées", Intents.ConsultationStart },
        { "envoyez-moi les nouvelles par courriel", Intents.SubscriptionSubscribe },
        { "take me off the mailing list", Intents.SubscriptionUnsubscribe },
        { "quelles informations personnelles avez-vous sur moi", Intents.PrivacyExport },
        { "effacez tout ce que vous avez sur moi", Intents.PrivacyDelete },
        { "what kind of things can you answer", Intents.Help },
        { "y aura-t-il des toilettes publiques", Intents.Faq },
        { "comment obtenir un permis de construction", Intents.Other },
    };

    [Theory]
    [MemberData(nameof(OwnSentences))]
    public void Recognizes_its_own_sentences(string text, string intent) =>
        Assert.Equal(intent, TrainedRecognizer.Instance.Recognize(text).Intent);

    [Theory]
    [MemberData(nameof(OwnSentences))]
    public void Keeps_the_intent_without_accents_in_upper_case_without_punctuation_and_with_emoji(string text, string intent)
    {
        var recognizer = TrainedRecognizer.Instance;
        Assert.Equal(intent, recognizer.Recognize(RemoveAccents(text)).Intent);
        Assert.Equal(intent, recognizer.Recognize(text.ToUpperInvariant()).Intent);
        Assert.Equal(intent, recognizer.Recognize(new string([.. text.Where(c => !char.IsPunctuation(c))])).Intent);
        Assert.Equal(intent, recognizer.Recognize("🙂 " + text + " !!! 👍").Intent);
    }

    [Theory]
    [MemberData(nameof(OwnSentences))]
    public void Keeps_the_intent_with_a_typo_in_the_longest_word(string text, string intent)
    {
        var words = text.Split(' ');
        var longest = Array.IndexOf(words, words.MaxBy(w => w.Length));
        var word = words[longest];

        // Swap two letters in the middle ("informations" → "infromations"), and separately drop one.
        var middle = word.Length / 2;
        var swapped = word[..(middle - 1)] + word[middle] + word[middle - 1] + word[(middle + 1)..];
        var dropped = word.Remove(middle, 1);

        Assert.Equal(intent, TrainedRecognizer.Instance.Recognize(Replace(words, longest, swapped)).Intent);
        Assert.Equal(intent, TrainedRecognizer.Instance.Recognize(Replace(words, longest, dropped)).Intent);
    }

    // "input" is the word the README and the impact answer use ("How your input is used"); the training set says
    // "feedback" or "comments". Normalisation reads it as "feedback" (WordRewrites), so the wording of the help
    // table reaches the impact answer instead of the FAQ / ask-staff path.
    [Theory]
    [InlineData("How is my input used?")]
    [InlineData("how is our input used")]
    [InlineData("how is the input used")]
    public void Reads_how_is_my_input_used_as_the_impact_question(string text) =>
        Assert.Equal(Intents.ProjectImpact, TrainedRecognizer.Instance.Recognize(text).Intent);

    [Theory]
    [InlineData("who reads my input", Intents.ProjectListeners)]
    [InlineData("I want to give my input on the park", Intents.ConsultationStart)]
    [InlineData("delete my input", Intents.PrivacyDelete)]
    public void Other_questions_about_input_keep_their_intent(string text, string intent) =>
        Assert.Equal(intent, TrainedRecognizer.Instance.Recognize(text).Intent);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("🙂🙂🙂")]
    [InlineData("xqzt vbnrw plokm")]
    public void Answers_other_to_empty_or_meaningless_messages(string text)
    {
        var result = TrainedRecognizer.Instance.Recognize(text);
        Assert.Equal(Intents.Other, result.Intent);
    }

    [Fact]
    public void Alternatives_are_the_runners_up_best_first()
    {
        var result = TrainedRecognizer.Instance.Recognize("quand est la prochaine rencontre");

        Assert.Equal(Intents.ProjectKeyDates, result.Intent);
        Assert.InRange(result.Score, 0.25, 1.0);
        Assert.Equal(3, result.Alternatives.Count);
        Assert.DoesNotContain(result.Alternatives, a => a.Intent == result.Intent);
        Assert.All(result.Alternatives, a => Assert.True(a.Score <= result.Score));
        Assert.True(result.Alternatives[0].Score >= result.Alternatives[1].Score);
        Assert.True(result.Alternatives[1].Score >= result.Alternatives[2].Score);
    }

    [Fact]
    public void A_high_threshold_falls_back_to_other_and_keeps_the_guesses()
    {
        var strict = IntentRecognizer.Train(IntentRecognizer.LoadDefaultTrainingSet(), minConfidence: 1.0);
        var result = strict.Recognize("quand est la prochaine rencontre");

        Assert.Equal(Intents.Other, result.Intent);
        Assert.Equal(Intents.ProjectKeyDates, result.Alternatives[0].Intent);
    }

    [Fact]
    public void Training_is_deterministic()
    {
        var again = IntentRecognizer.CreateDefault();
        foreach (var text in new[] { "c'est rendu où le projet", "wanna get updates", "who decides" })
        {
            var first = TrainedRecognizer.Instance.Recognize(text);
            var second = again.Recognize(text);
            Assert.Equal(first.Intent, second.Intent);
            Assert.Equal(first.Score, second.Score);
        }
    }

    [Fact]
    public void Training_rejects_an_unknown_intent_or_an_empty_set()
    {
        Assert.Throws<ArgumentException>(() => IntentRecognizer.Train([new LabeledUtterance("hello", "en", "greeting")]));
        Assert.Throws<ArgumentException>(() => IntentRecognizer.Train([]));
    }

    [Fact]
    public void The_training_set_covers_every_intent_in_both_languages()
    {
        var training = IntentRecognizer.LoadDefaultTrainingSet();
        foreach (var intent in Intents.All)
        {
            Assert.True(training.Count(u => u.Intent == intent && u.Lang == "fr") >= 15, $"{intent}: too few French examples");
            Assert.True(training.Count(u => u.Intent == intent && u.Lang == "en") >= 15, $"{intent}: too few English examples");
        }
    }

    [Fact]
    public void Recognizes_concurrently_from_many_threads()
    {
        var recognizer = TrainedRecognizer.Instance;
        var expected = recognizer.Recognize("stop sending me updates").Intent;
        Parallel.For(0, 2_000, i =>
        {
            var text = i % 2 == 0 ? "stop sending me updates" : "quoi de neuf au parc";
            var intent = recognizer.Recognize(text).Intent;
            Assert.Equal(i % 2 == 0 ? expected : Intents.ProjectNews, intent);
        });
    }

    private static string Replace(string[] words, int index, string replacement)
    {
        var copy = (string[])words.Clone();
        copy[index] = replacement;
        return string.Join(' ', copy);
    }

    private static string RemoveAccents(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
