using EngagementBot.Storage.Domain;

namespace EngagementBot.Storage.Tests.Conformance;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task CitizenQuestion_keeps_the_conversation_reference_it_was_asked_in()
    {
        var asked = new CitizenQuestion
        {
            Id = Ids.New(),
            ParticipantId = "p-reference",
            Text = "Où sera la mise à l'eau des kayaks?",
            Language = "fr",
            ConversationReferenceId = ConversationReferenceRecord.CreateId("directline", "conv-1", "user-1"),
            AskedAt = Clock.GetUtcNow(),
            UpdatedAt = Clock.GetUtcNow(),
        };
        var unknown = asked with { Id = Ids.New(), ConversationReferenceId = null };

        var saved = await In<ICitizenQuestionStore, CitizenQuestion>(s => s.SaveAsync(asked, Token));
        await In<ICitizenQuestionStore, CitizenQuestion>(s => s.SaveAsync(unknown, Token));

        var read = await In<ICitizenQuestionStore, CitizenQuestion?>(s => s.GetAsync(asked.Id, Token));
        Assert.Equal(asked.ConversationReferenceId, read!.ConversationReferenceId);
        Assert.Equal(StorageJson.Serialize(saved), StorageJson.Serialize(read));
        Assert.Null((await In<ICitizenQuestionStore, CitizenQuestion?>(s => s.GetAsync(unknown.Id, Token)))!.ConversationReferenceId);
        Assert.Equal(asked.ConversationReferenceId, Assert.Single(await In<ICitizenQuestionStore, IReadOnlyList<CitizenQuestion>>(s => s.ListByParticipantAsync("p-reference", Token)), q => q.Id == asked.Id).ConversationReferenceId);
    }
}
