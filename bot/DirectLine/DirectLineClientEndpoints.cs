using System.Globalization;
using EngagementBot.Bot.Protocol.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EngagementBot.Bot.DirectLine;

/// <summary>The client side of Direct Line 3.0 (<c>/v3/directline/…</c>), as used by Web Chat.</summary>
internal static class DirectLineClientEndpoints
{
    private const int MaxUserIdLength = 256;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v3/directline");
        group.MapPost("/tokens/generate", GenerateTokenAsync);
        group.MapPost("/tokens/refresh", RefreshToken);
        group.MapPost("/conversations", StartConversationAsync);
        group.MapGet("/conversations/{conversationId}", Reconnect);
        group.MapGet("/conversations/{conversationId}/activities", GetActivities);
        group.MapPost("/conversations/{conversationId}/activities", PostActivityAsync);
        group.MapGet("/conversations/{conversationId}/stream", DirectLineStreamEndpoint.HandleAsync);
    }

    private static async Task<IResult> GenerateTokenAsync(HttpRequest request, DirectLineTokenService tokens, CancellationToken cancellationToken)
    {
        var body = await DirectLineBodyReader.ReadAsync(request, DirectLineJsonContext.Default.DirectLineStartParameters, required: false, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (ValidateUser(body.Value?.User) is { } problem)
        {
            return problem;
        }

        var conversationId = DirectLineConversationStore.NewConversationId();
        var token = tokens.IssueConversationToken(conversationId, body.Value?.User?.Id);
        return Results.Json(
            new DirectLineConversationResponse { ConversationId = conversationId, Token = token, ExpiresIn = tokens.LifetimeSeconds },
            DirectLineJsonContext.Default.DirectLineConversationResponse);
    }

    private static IResult RefreshToken(HttpRequest request, DirectLineTokenService tokens)
    {
        var check = tokens.Validate(DirectLineAuthorization.GetBearerToken(request), DirectLineTokenPurpose.Conversation);
        if (DirectLineAuthorization.Check(check, conversationId: null) is { } problem)
        {
            return problem;
        }

        var token = tokens.IssueConversationToken(check.ConversationId!, check.UserId);
        return Results.Json(
            new DirectLineConversationResponse { ConversationId = check.ConversationId, Token = token, ExpiresIn = tokens.LifetimeSeconds },
            DirectLineJsonContext.Default.DirectLineConversationResponse);
    }

    private static async Task<IResult> StartConversationAsync(
        HttpRequest request,
        DirectLineTokenService tokens,
        DirectLineConversationService conversations,
        CancellationToken cancellationToken)
    {
        var body = await DirectLineBodyReader.ReadAsync(request, DirectLineJsonContext.Default.DirectLineStartParameters, required: false, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (ValidateUser(body.Value?.User) is { } userProblem)
        {
            return userProblem;
        }

        string conversationId;
        string token;
        string? userId;
        var bearer = DirectLineAuthorization.GetBearerToken(request);
        if (bearer is null)
        {
            // Local mode: no secret is needed to open a conversation on the embedded Direct Line.
            conversationId = DirectLineConversationStore.NewConversationId();
            userId = body.Value?.User?.Id;
            token = tokens.IssueConversationToken(conversationId, userId);
        }
        else
        {
            var check = tokens.Validate(bearer, DirectLineTokenPurpose.Conversation);
            if (DirectLineAuthorization.Check(check, conversationId: null) is { } problem)
            {
                return problem;
            }

            conversationId = check.ConversationId!;
            userId = check.UserId ?? body.Value?.User?.Id;
            token = bearer;
        }

        var started = conversations.Start(conversationId, string.IsNullOrEmpty(userId) ? null : userId, NormalizeLocale(body.Value?.Locale));
        if (started.Conversation is null)
        {
            return DirectLineProblem.TooMany("The embedded Direct Line holds as many conversations as it is configured for (DirectLine:MaxConversations); try again later.");
        }

        var response = CreateConversationResponse(request, tokens, conversationId, token, userId, watermark: null);
        return Results.Json(response, DirectLineJsonContext.Default.DirectLineConversationResponse, statusCode: started.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static IResult Reconnect(string conversationId, string? watermark, HttpRequest request, DirectLineTokenService tokens, DirectLineConversationStore store)
    {
        var bearer = DirectLineAuthorization.GetBearerToken(request);
        var check = tokens.Validate(bearer, DirectLineTokenPurpose.Conversation);
        if (DirectLineAuthorization.Check(check, conversationId) is { } problem)
        {
            return problem;
        }

        if (!TryParseWatermark(watermark, out var mark))
        {
            return BadWatermark();
        }

        if (store.Find(conversationId) is null)
        {
            return ConversationNotFound();
        }

        var response = CreateConversationResponse(request, tokens, conversationId, bearer!, check.UserId, mark);
        return Results.Json(response, DirectLineJsonContext.Default.DirectLineConversationResponse);
    }

    private static IResult GetActivities(string conversationId, string? watermark, HttpRequest request, DirectLineTokenService tokens, DirectLineConversationStore store)
    {
        var check = tokens.Validate(DirectLineAuthorization.GetBearerToken(request), DirectLineTokenPurpose.Conversation);
        if (DirectLineAuthorization.Check(check, conversationId) is { } problem)
        {
            return problem;
        }

        if (!TryParseWatermark(watermark, out var mark))
        {
            return BadWatermark();
        }

        if (store.Find(conversationId) is not { } conversation)
        {
            return ConversationNotFound();
        }

        var (activities, newWatermark) = conversation.GetActivitiesAfter(mark ?? 0);
        return Results.Json(
            new DirectLineActivitySet { Activities = [.. activities], Watermark = newWatermark.ToString(CultureInfo.InvariantCulture) },
            DirectLineJsonContext.Default.DirectLineActivitySet);
    }

    private static async Task<IResult> PostActivityAsync(
        string conversationId,
        HttpRequest request,
        DirectLineTokenService tokens,
        DirectLineConversationStore store,
        DirectLineConversationService conversations,
        CancellationToken cancellationToken)
    {
        var check = tokens.Validate(DirectLineAuthorization.GetBearerToken(request), DirectLineTokenPurpose.Conversation);
        if (DirectLineAuthorization.Check(check, conversationId) is { } problem)
        {
            return problem;
        }

        if (store.Find(conversationId) is not { } conversation)
        {
            return ConversationNotFound();
        }

        var body = await DirectLineBodyReader.ReadActivityAsync(request, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var activity = body.Value!;
        if (activity.From is null || string.IsNullOrWhiteSpace(activity.From.Id))
        {
            return DirectLineProblem.BadRequest("MissingProperty", "The activity needs 'from.id' (the user's id).");
        }

        if (ValidateUser(activity.From) is { } userProblem)
        {
            return userProblem;
        }

        return conversations.PostFromUser(conversation, activity, check.UserId) is { } id
            ? Results.Json(new ResourceResponse(id), BotJsonContext.Default.ResourceResponse)
            : ConversationNotFound();
    }

    private static DirectLineConversationResponse CreateConversationResponse(
        HttpRequest request,
        DirectLineTokenService tokens,
        string conversationId,
        string token,
        string? userId,
        long? watermark)
    {
        var scheme = request.IsHttps ? "wss" : "ws";
        var streamUrl = string.Create(
            CultureInfo.InvariantCulture,
            $"{scheme}://{request.Host}{request.PathBase}/v3/directline/conversations/{Uri.EscapeDataString(conversationId)}/stream?t={Uri.EscapeDataString(tokens.IssueStreamToken(conversationId, userId))}");
        if (watermark is { } mark)
        {
            streamUrl += string.Create(CultureInfo.InvariantCulture, $"&watermark={mark}");
        }

        return new DirectLineConversationResponse { ConversationId = conversationId, Token = token, ExpiresIn = tokens.LifetimeSeconds, StreamUrl = streamUrl };
    }

    internal static bool TryParseWatermark(string? value, out long? watermark)
    {
        watermark = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            watermark = parsed;
            return true;
        }

        return false;
    }

    internal static DirectLineProblem BadWatermark() =>
        DirectLineProblem.BadRequest("BadArgument", "The watermark must be a non-negative integer taken from a previous response.");

    internal static DirectLineProblem ConversationNotFound() =>
        DirectLineProblem.NotFound("ConversationNotFound", "No such conversation: it never started or expired after being idle; start a new one.");

    private static DirectLineProblem? ValidateUser(ChannelAccount? user) =>
        user?.Id is { Length: > MaxUserIdLength }
            ? DirectLineProblem.BadRequest("BadArgument", $"The user id is longer than {MaxUserIdLength} characters.")
            : null;

    private static string? NormalizeLocale(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale) || locale.Length > 35)
        {
            return null;
        }

        try
        {
            return CultureInfo.GetCultureInfo(locale, predefinedOnly: true).Name;
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }
}
