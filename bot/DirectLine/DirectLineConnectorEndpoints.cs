using EngagementBot.Bot.Protocol.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EngagementBot.Bot.DirectLine;

/// <summary>
/// The Connector v3 routes the bot's own connector client calls for Direct Line conversations (their
/// <c>serviceUrl</c> is this process's origin): send, reply, update, delete, members (one, all, paged). Conversation ids
/// are 128-bit random values, known only to the bot and that conversation's client.
/// </summary>
internal static class DirectLineConnectorEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v3/conversations/{conversationId}");
        group.MapPost("/activities", (string conversationId, HttpRequest request, DirectLineConversationStore store, DirectLineConversationService conversations, CancellationToken cancellationToken)
            => SendAsync(conversationId, null, request, store, conversations, cancellationToken));
        group.MapPost("/activities/{replyToId}", (string conversationId, string replyToId, HttpRequest request, DirectLineConversationStore store, DirectLineConversationService conversations, CancellationToken cancellationToken)
            => SendAsync(conversationId, replyToId, request, store, conversations, cancellationToken));
        group.MapPut("/activities/{activityId}", UpdateAsync);
        group.MapDelete("/activities/{activityId}", Delete);
        group.MapGet("/members", GetMembers);
        group.MapGet("/members/{memberId}", GetMember);
        group.MapGet("/pagedmembers", GetPagedMembers);
    }

    private static async Task<IResult> SendAsync(
        string conversationId,
        string? replyToId,
        HttpRequest request,
        DirectLineConversationStore store,
        DirectLineConversationService conversations,
        CancellationToken cancellationToken)
    {
        if (store.Find(conversationId) is not { } conversation)
        {
            return DirectLineClientEndpoints.ConversationNotFound();
        }

        var body = await DirectLineBodyReader.ReadActivityAsync(request, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        return conversations.PostFromBot(conversation, body.Value!, replyToId) is { } id
            ? Results.Json(new ResourceResponse(id), BotJsonContext.Default.ResourceResponse)
            : DirectLineClientEndpoints.ConversationNotFound();
    }

    private static async Task<IResult> UpdateAsync(
        string conversationId,
        string activityId,
        HttpRequest request,
        DirectLineConversationStore store,
        DirectLineConversationService conversations,
        CancellationToken cancellationToken)
    {
        if (store.Find(conversationId) is not { } conversation)
        {
            return DirectLineClientEndpoints.ConversationNotFound();
        }

        var body = await DirectLineBodyReader.ReadActivityAsync(request, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        return conversations.UpdateFromBot(conversation, activityId, body.Value!)
            ? Results.Json(new ResourceResponse(activityId), BotJsonContext.Default.ResourceResponse)
            : ActivityNotFound();
    }

    private static IResult Delete(string conversationId, string activityId, DirectLineConversationStore store)
    {
        if (store.Find(conversationId) is not { } conversation)
        {
            return DirectLineClientEndpoints.ConversationNotFound();
        }

        return conversation.Remove(activityId) ? Results.Ok() : ActivityNotFound();
    }

    private static IResult GetMembers(string conversationId, DirectLineConversationStore store, DirectLineConversationService conversations)
    {
        if (store.Find(conversationId) is not { } conversation)
        {
            return DirectLineClientEndpoints.ConversationNotFound();
        }

        return Results.Json(conversations.GetMembers(conversation), BotJsonContext.Default.ListChannelAccount);
    }

    private static IResult GetMember(string conversationId, string memberId, DirectLineConversationStore store, DirectLineConversationService conversations)
    {
        if (store.Find(conversationId) is not { } conversation)
        {
            return DirectLineClientEndpoints.ConversationNotFound();
        }

        return conversations.GetMembers(conversation).FirstOrDefault(m => m.Id == memberId) is { } member
            ? Results.Json(member, BotJsonContext.Default.ChannelAccount)
            : DirectLineProblem.NotFound("MemberNotFound", "No member with this id in the conversation.");
    }

    private static IResult GetPagedMembers(string conversationId, DirectLineConversationStore store, DirectLineConversationService conversations)
    {
        if (store.Find(conversationId) is not { } conversation)
        {
            return DirectLineClientEndpoints.ConversationNotFound();
        }

        return Results.Json(new PagedMembersResult { Members = conversations.GetMembers(conversation) }, BotJsonContext.Default.PagedMembersResult);
    }

    private static DirectLineProblem ActivityNotFound() =>
        DirectLineProblem.NotFound("ActivityNotFound", "No activity with this id in the conversation (it may have left the bounded history).");
}
