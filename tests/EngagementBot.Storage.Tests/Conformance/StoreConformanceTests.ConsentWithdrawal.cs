using EngagementBot.Storage.Domain;

namespace EngagementBot.Storage.Tests.Conformance;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task Consent_withdrawal_records_the_date_and_anonymises_or_deletes_the_response_as_the_consent_says()
    {
        await SeedParticipantEverywhereAsync("p-withdraw", "29:withdraw-user", "aad-withdraw", "a:conv-withdraw", "WITHDRAW");
        var participant = (await In<IParticipantStore, Participant?>(s => s.GetAsync("p-withdraw", EraseToken)))!;
        await In<IParticipantStore, Participant>(s => s.SaveAsync(
            participant with { Consents = [.. participant.Consents, new ConsentRecord("c-keep", "v1", StorageHost.Start), new ConsentRecord("c-drop", "v1", StorageHost.Start)] },
            EraseToken));

        var keep = await In<IPersonalDataEraser, ConsentWithdrawal>(e => e.WithdrawConsentAsync("p-withdraw", "c-keep", EraseToken));
        var drop = await In<IPersonalDataEraser, ConsentWithdrawal>(e => e.WithdrawConsentAsync("p-withdraw", "c-drop", EraseToken));

        Assert.Equal(new ConsentWithdrawal("c-keep", true, false, true), keep);
        Assert.Equal(new ConsentWithdrawal("c-drop", true, true, false), drop);
        var after = (await In<IParticipantStore, Participant?>(s => s.GetAsync("p-withdraw", EraseToken)))!;
        Assert.All(after.Consents.Where(c => c.ConsultationId is "c-keep" or "c-drop"), c => Assert.Equal(Clock.GetUtcNow(), c.WithdrawnAt));
        Assert.Null(Assert.Single(after.Consents, c => c.ConsultationId == "berges-2026").WithdrawnAt);
        Assert.Empty(await In<IResponseStore, IReadOnlyList<Response>>(s => s.ListByParticipantAsync("p-withdraw", EraseToken)));
        var anonymous = Assert.Single((await In<IResponseStore, Page<Response>>(s => s.ListByConsultationAsync("c-keep", PageRequest.First(), EraseToken))).Items);
        Assert.StartsWith(ResponseAnonymizer.AnonymousPrefix, anonymous.ParticipantId);
        Assert.Null(anonymous.AnswerTo("comment"));
        Assert.Empty((await In<IResponseStore, Page<Response>>(s => s.ListByConsultationAsync("c-drop", PageRequest.First(), EraseToken))).Items);

        // Again: nothing left to withdraw.
        Assert.Equal(new ConsentWithdrawal("c-keep", false, false, false), await In<IPersonalDataEraser, ConsentWithdrawal>(e => e.WithdrawConsentAsync("p-withdraw", "c-keep", EraseToken)));
    }
}
