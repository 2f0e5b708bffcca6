// TEMPORARY (lead's scaffolding while the authentication and connector branches are written): replaced at merge.
using System.Security.Claims;
using EngagementBot.Bot.Protocol;
using EngagementBot.Bot.Protocol.Authentication;
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

    private sealed class StubAuthenticator : IChannelAuthenticator
    {
        public ValueTask<ChannelAuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken) =>
            ValueTask.FromResult(ChannelAuthenticationResult.Success(new ClaimsIdentity()));
    }
}
