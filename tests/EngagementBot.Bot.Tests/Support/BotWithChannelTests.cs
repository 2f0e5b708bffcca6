using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Bot.Tests.Support;

/// <summary>
/// Base of the tests that talk to the real bot over HTTP: a connector stub standing in for the channel
/// (<see cref="Channel"/>), the bot on Kestrel (<see cref="Bot"/>) with the settings of <see cref="Settings"/>,
/// and an <see cref="HttpClient"/> on the bot's origin (<see cref="Client"/>). One of each per test.
/// </summary>
public abstract class BotWithChannelTests : IAsyncLifetime
{
    protected ConnectorStubServer Channel { get; private set; } = null!;

    protected BotApplicationFactory Bot { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    /// <summary>Configuration overrides for the bot (none by default).</summary>
    protected virtual Dictionary<string, string?> Settings => [];

    /// <summary>Service overrides for the bot, after its own registrations (none by default).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public async Task InitializeAsync()
    {
        Channel = await ConnectorStubServer.StartAsync();
        Bot = new BotApplicationFactory(Settings, ConfigureServices);
        Client = new HttpClient { BaseAddress = Bot.BaseAddress };
    }

    /// <summary>The conversation reference the bot stored for <paramref name="userId"/> in that conversation.</summary>
    protected async Task<ConversationReferenceRecord> StoredReferenceAsync(string channelId, string conversationId, string userId)
    {
        await using var scope = Bot.Services.CreateAsyncScope();
        var id = ConversationReferenceRecord.CreateId(channelId, conversationId, userId);
        return await scope.ServiceProvider.GetRequiredService<IConversationReferenceStore>().GetAsync(id, default)
            ?? throw new InvalidOperationException("The conversation reference is not stored.");
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Bot.DisposeAsync();
        await Channel.DisposeAsync();
    }
}
