using EngagementBot.Storage.Domain;

namespace EngagementBot.Storage.Tests.Conformance;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task ConversationReference_keeps_the_client_it_was_seen_through_and_its_change()
    {
        var token = CancellationToken.None;
        var generic = DirectLineReference("p-client", "dl-kiosk", "kiosk-user") with { Client = ChatClient.GenericDirectLine };
        var unrecorded = generic with
        {
            Id = ConversationReferenceRecord.CreateId("directline", "dl-old", "kiosk-user"),
            ConversationId = "dl-old",
            Client = null,
        };

        var saved = await In<IConversationReferenceStore, ConversationReferenceRecord>(s => s.SaveAsync(generic, token));
        await In<IConversationReferenceStore, ConversationReferenceRecord>(s => s.SaveAsync(unrecorded, token));

        var read = await In<IConversationReferenceStore, ConversationReferenceRecord?>(s => s.GetAsync(generic.Id, token));
        Assert.Equal(ChatClient.GenericDirectLine, read!.Client);
        Assert.Equal(StorageJson.Serialize(saved), StorageJson.Serialize(read));
        Assert.Null((await In<IConversationReferenceStore, ConversationReferenceRecord?>(s => s.GetAsync(unrecorded.Id, token)))!.Client);

        // The same conversation later seen through Web Chat: the conditional update keeps the new client.
        var changed = await In<IConversationReferenceStore, ConversationReferenceRecord>(s => s.SaveAsync(read with { Client = ChatClient.WebChat }, token));
        var listed = await In<IConversationReferenceStore, IReadOnlyList<ConversationReferenceRecord>>(s => s.ListByParticipantAsync("p-client", token));
        Assert.Equal(ChatClient.WebChat, Assert.Single(listed, r => r.Id == generic.Id).Client);
        Assert.Null(Assert.Single(listed, r => r.Id == unrecorded.Id).Client);
        Assert.Equal(changed.ETag, Assert.Single(listed, r => r.Id == generic.Id).ETag);
    }

    [Fact]
    public async Task ConversationReference_keeps_the_time_zone_its_client_reported_and_its_change()
    {
        var token = CancellationToken.None;
        var reference = DirectLineReference("p-zone", "dl-paris", "paris-user") with { Client = ChatClient.WebChat, TimeZone = "Europe/Paris" };

        var saved = await In<IConversationReferenceStore, ConversationReferenceRecord>(s => s.SaveAsync(reference, token));
        var read = await In<IConversationReferenceStore, ConversationReferenceRecord?>(s => s.GetAsync(reference.Id, token));
        Assert.Equal("Europe/Paris", read!.TimeZone);
        Assert.Equal(StorageJson.Serialize(saved), StorageJson.Serialize(read));

        // The participant travels: the conditional update keeps the new zone, and the outbox's batch read sees it.
        await In<IConversationReferenceStore, ConversationReferenceRecord>(s => s.SaveAsync(read with { TimeZone = "America/Vancouver" }, token));
        var listed = await In<IConversationReferenceStore, IReadOnlyList<ConversationReferenceRecord>>(s => s.ListByParticipantAsync("p-zone", token));
        Assert.Equal("America/Vancouver", Assert.Single(listed).TimeZone);
    }

    /// <summary>A reachable Direct Line conversation reference (no client, no time zone recorded).</summary>
    private static ConversationReferenceRecord DirectLineReference(string participantId, string conversationId, string userId) => new()
    {
        Id = ConversationReferenceRecord.CreateId("directline", conversationId, userId),
        ParticipantId = participantId,
        ChannelId = "directline",
        ServiceUrl = new Uri("https://directline.botframework.com/"),
        ConversationId = conversationId,
        UserId = userId,
        BotId = "bot",
        LastConfirmedAt = StorageHost.Start,
        Reachability = Reachability.Reachable,
    };
}
