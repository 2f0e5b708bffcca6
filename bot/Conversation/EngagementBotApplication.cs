using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Bot.Resources;
using EngagementBot.Bot.Turns;

namespace EngagementBot.Bot.Conversation;

/// <summary>
/// The bot's routes: what happens for each kind of activity. Conversation logic proper (consultations,
/// project status, staff) lives in the dialogs layer; this class only connects activities to it.
/// </summary>
public sealed class EngagementBotApplication : ActivityRouter
{
    private readonly BotTexts _texts;

    public EngagementBotApplication(BotTexts texts)
    {
        _texts = texts;
        OnConversationUpdate(WelcomeNewMembersAsync);
        OnInvoke(AdaptiveCardInvoke.Name, AnswerCardActionAsync);
        OnMessage(AnswerMessageAsync);
    }

    /// <summary>
    /// Greets once when the conversation starts: when the bot itself is added (Teams install, Direct Line
    /// start) or, in a 1:1 conversation, when the user joins.
    /// </summary>
    private async Task WelcomeNewMembersAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var added = turn.Activity.MembersAdded;
        if (added is null || added.Count == 0)
        {
            return;
        }

        var botId = turn.Activity.Recipient?.Id;
        var botWasAdded = added.Any(m => m.Id is not null && string.Equals(m.Id, botId, StringComparison.OrdinalIgnoreCase));
        var isGroup = turn.Activity.Conversation?.IsGroup == true;
        if (botWasAdded || !isGroup)
        {
            await turn.SendActivityAsync(Message(turn, _texts.Get(BotTexts.Welcome, turn.Language)), cancellationToken);
        }
    }

    /// <summary>Messages (typed text or an Adaptive Card <c>Action.Submit</c> value) go to the dialogs.</summary>
    private static Task AnswerMessageAsync(TurnContext turn, CancellationToken cancellationToken) =>
        DialogTurnHandler.RunAsync(turn, null, null, cancellationToken);

    /// <summary>Teams <c>Action.Execute</c>: fed to the dialogs like the equivalent submit, answered with a short confirmation.</summary>
    private async Task AnswerCardActionAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var action = AdaptiveCardInvoke.ReadAction(turn.Activity.Value);
        if (action is null)
        {
            turn.InvokeResponse = AdaptiveCardInvoke.Error(StatusCodes.Status400BadRequest, "BadRequest", "The card action has no 'action' object.");
            return;
        }

        var data = DialogTurnHandler.InvokeData(turn.Activity.Value);
        var hasAnswer = data is { } d && d.TryGetProperty("answer", out _);
        var text = action.Value.Text ?? (hasAnswer ? null : action.Value.Verb);
        await DialogTurnHandler.RunAsync(turn, text, data, cancellationToken);
        turn.InvokeResponse = AdaptiveCardInvoke.Message(_texts.Get(BotTexts.ActionReceived, turn.Language));
    }

    private static Activity Message(TurnContext turn, string text)
    {
        var reply = turn.Activity.CreateReply(text);
        reply.TextFormat = TextFormatTypes.Markdown;
        return reply;
    }
}
