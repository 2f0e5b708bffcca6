using System.Text.Json;
using EngagementBot.Bot.Protocol.Connector;
using EngagementBot.Bot.Protocol.Schema;
using EngagementBot.Bot.Resources;
using Microsoft.Extensions.Logging;

namespace EngagementBot.Bot.Turns.Middleware;

/// <summary>
/// The safety net of every turn: an exception is logged (with the activity's type, channel and id — never
/// its text) and the user gets a short apology in their language; never a stack trace. An invoke gets an
/// error invoke response instead.
/// </summary>
public sealed partial class ErrorHandlingMiddleware(BotTexts texts, ILogger<ErrorHandlingMiddleware> logger) : ITurnMiddleware
{
    public async Task OnTurnAsync(TurnContext turn, NextTurnDelegate next, CancellationToken cancellationToken)
    {
        try
        {
            await next(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            LogTurnFailed(exception, turn.Activity.Type, turn.Activity.ChannelId, turn.Activity.Id);
            await ApologizeAsync(turn, exception, cancellationToken);
        }
    }

    private async Task ApologizeAsync(TurnContext turn, Exception exception, CancellationToken cancellationToken)
    {
        if (turn.Activity.IsType(ActivityTypes.Invoke))
        {
            var body = JsonSerializer.SerializeToElement(
                new ErrorResponse { Error = new Error { Code = "BotError", Message = texts.Get(BotTexts.Apology, turn.Language) } },
                BotJsonContext.Default.ErrorResponse);
            turn.InvokeResponse = new InvokeResponse(StatusCodes.Status500InternalServerError, body);
            return;
        }

        if (exception is RecipientUnreachableException || !turn.Activity.IsType(ActivityTypes.Message))
        {
            return;
        }

        try
        {
            await turn.SendActivityAsync(texts.Get(BotTexts.Apology, turn.Language), cancellationToken);
        }
        catch (Exception apologyFailure) when (apologyFailure is not OperationCanceledException)
        {
            LogApologyFailed(apologyFailure, turn.Activity.ChannelId);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed for {ActivityType} activity {ActivityId} on channel {ChannelId}")]
    private partial void LogTurnFailed(Exception exception, string? activityType, string? channelId, string? activityId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send the apology on channel {ChannelId}")]
    private partial void LogApologyFailed(Exception exception, string? channelId);
}
