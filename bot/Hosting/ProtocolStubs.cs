// TEMPORARY (lead's scaffolding while the authentication and connector branches are written): replaced at merge.
using System.Net.Http.Json;
using System.Security.Claims;
using EngagementBot.Bot.Protocol;
using EngagementBot.Bot.Protocol.Authentication;
using EngagementBot.Bot.Protocol.Connector;
using EngagementBot.Bot.Protocol.Schema;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EngagementBot.Bot.Hosting;

internal static class ProtocolStubs
{
    public static IServiceCollection AddChannelAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotIdentityOptions>().Bind(configuration);
        services.TryAddSingleton<ITrustedServiceUrls, TrustedServiceUrls>();
        services.AddSingleton<IChannelAuthenticator, StubAuthenticator>();
        return services;
    }

    public static IServiceCollection AddBotConnector(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpClient<IConnectorClient, StubConnector>();
        return services;
    }

    private sealed class StubAuthenticator : IChannelAuthenticator
    {
        public ValueTask<ChannelAuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken) =>
            ValueTask.FromResult(ChannelAuthenticationResult.Success(new ClaimsIdentity()));
    }

    private sealed class StubConnector(HttpClient http) : IConnectorClient
    {
        public async Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken)
        {
            using var response = await http.PostAsJsonAsync($"{serviceUrl.TrimEnd('/')}/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities", activity, BotJsonContext.Default.Activity, cancellationToken);
            response.EnsureSuccessStatusCode();
            return new ResourceResponse("x");
        }

        public Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken) =>
            SendToConversationAsync(serviceUrl, conversationId, activity, cancellationToken);

        public Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<ChannelAccount>> GetConversationMembersAsync(string serviceUrl, string conversationId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ChannelAccount> GetConversationMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<PagedMembersResult> GetConversationPagedMembersAsync(string serviceUrl, string conversationId, int? pageSize, string? continuationToken, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
