using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EngagementBot.Dialogs.Resources;
using EngagementBot.Dialogs.Runtime;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Dialogs.AskStaff;

/// <summary>
/// The staff list of open questions, oldest first: an Adaptive Card 1.5 with, per question, its age against the
/// target (overdue flagged), an answer field, an "add to FAQ" toggle and a send button (Action.Submit with
/// <c>verb = answer-question</c>); the same list as text where cards do not render.
/// </summary>
public static class QuestionListCard
{
    /// <summary>The submit verb of the card's buttons.</summary>
    public const string AnswerVerb = "answer-question";

    /// <summary>Card value: the question answered.</summary>
    public const string QuestionIdValue = "questionId";

    /// <summary>Id of the answer input of a question.</summary>
    public static string AnswerInputId(string questionId) => "answer-" + questionId;

    /// <summary>Id of the "add to FAQ" toggle of a question.</summary>
    public static string FaqInputId(string questionId) => "faq-" + questionId;

    /// <summary>The list as a card reply.</summary>
    public static CardReply Compose(IReadOnlyList<CitizenQuestion> questions, IReadOnlyDictionary<string, string> projectTitles, DateTimeOffset now, TimeSpan target, string language)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(projectTitles);
        var title = AskStaffTexts.Format(AskStaffTexts.QuestionsTitle, language, questions.Count, Durations.Format(target, language));
        var text = new StringBuilder(title);
        var body = new JsonArray
        {
            new JsonObject { ["type"] = "TextBlock", ["text"] = title, ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true },
        };
        for (var i = 0; i < questions.Count; i++)
        {
            var question = questions[i];
            var age = now - question.AskedAt;
            var overdue = age > target;
            var number = (i + 1).ToString(CultureInfo.InvariantCulture);
            var project = question.ProjectSlug is { } slug ? projectTitles.GetValueOrDefault(slug, slug) : AskStaffTexts.Get(AskStaffTexts.NoProjectName, language);
            var questionLanguage = AskStaffTexts.Get(question.Language == "fr" ? AskStaffTexts.LanguageFr : AskStaffTexts.LanguageEn, language);
            var line = AskStaffTexts.Format(
                AskStaffTexts.QuestionLine,
                language,
                number,
                question.Text,
                project,
                questionLanguage,
                Durations.Format(age, language),
                overdue ? AskStaffTexts.Get(AskStaffTexts.Overdue, language) : string.Empty,
                question.Id);
            text.Append("\n\n").Append(line);
            var lines = line.Split('\n', 2);
            body.Add(new JsonObject
            {
                ["type"] = "Container",
                ["separator"] = true,
                ["spacing"] = "Medium",
                ["style"] = overdue ? "attention" : "default",
                ["items"] = new JsonArray
                {
                    new JsonObject { ["type"] = "TextBlock", ["text"] = lines[0], ["wrap"] = true },
                    new JsonObject { ["type"] = "TextBlock", ["text"] = lines.Length > 1 ? lines[1] : string.Empty, ["isSubtle"] = true, ["spacing"] = "None", ["wrap"] = true, ["color"] = overdue ? "Attention" : "Default" },
                    new JsonObject
                    {
                        ["type"] = "Input.Text",
                        ["id"] = AnswerInputId(question.Id),
                        ["isMultiline"] = true,
                        ["maxLength"] = 2000,
                        ["label"] = AskStaffTexts.Format(AskStaffTexts.CardAnswerPlaceholder, language, questionLanguage),
                    },
                    new JsonObject
                    {
                        ["type"] = "Input.Toggle",
                        ["id"] = FaqInputId(question.Id),
                        ["title"] = AskStaffTexts.Get(AskStaffTexts.CardAddToFaq, language),
                        ["value"] = "false",
                        ["valueOn"] = "true",
                        ["valueOff"] = "false",
                    },
                    new JsonObject
                    {
                        ["type"] = "ActionSet",
                        ["actions"] = new JsonArray
                        {
                            new JsonObject
                            {
                                ["type"] = "Action.Submit",
                                ["title"] = AskStaffTexts.Get(AskStaffTexts.CardSend, language),
                                ["data"] = new JsonObject { ["verb"] = AnswerVerb, [QuestionIdValue] = question.Id },
                            },
                        },
                    },
                },
            });
        }

        text.Append("\n\n").Append(AskStaffTexts.Get(AskStaffTexts.QuestionsHowToAnswer, language));
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = body,
        };
        return new CardReply(card.ToJsonString(), text.ToString());
    }
}
