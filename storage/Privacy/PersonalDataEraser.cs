using EngagementBot.Storage.Domain;
using Microsoft.Extensions.Logging;

namespace EngagementBot.Storage;

/// <summary>Erases and exports everything stored about one participant (privacy requests).</summary>
public interface IPersonalDataEraser
{
    /// <summary>
    /// Deletes or anonymises every personal datum of the participant in every store and reports what was done.
    /// Idempotent: running it again after an interruption finishes the job.
    /// </summary>
    Task<ErasureReport> EraseParticipantAsync(string participantId, CancellationToken cancellationToken);

    /// <summary>Everything stored about the participant, as a serialisable model (shown to the citizen on request).</summary>
    Task<ParticipantDataExport?> ExportParticipantAsync(string participantId, CancellationToken cancellationToken);

    /// <summary>
    /// Withdraws the participant's consent to a consultation: the consent record is kept with its withdrawal time (the
    /// proof of the withdrawal), and the response is anonymised when the consent text allowed anonymous aggregates,
    /// deleted otherwise (the same rule as erasure). Idempotent.
    /// </summary>
    Task<ConsentWithdrawal> WithdrawConsentAsync(string participantId, string consultationId, CancellationToken cancellationToken);
}

/// <summary>What a consent withdrawal did.</summary>
/// <param name="ConsultationId">The consultation.</param>
/// <param name="ConsentWithdrawn">Whether an active consent was marked withdrawn (false if there was none).</param>
/// <param name="ResponseDeleted">Whether the response was deleted.</param>
/// <param name="ResponseAnonymized">Whether the response was kept as an anonymous copy.</param>
public sealed record ConsentWithdrawal(string ConsultationId, bool ConsentWithdrawn, bool ResponseDeleted, bool ResponseAnonymized);

/// <summary>What an erasure did.</summary>
/// <param name="ParticipantId">The erased participant.</param>
/// <param name="ParticipantDeleted">Whether the participant record (identity, consents, subscriptions) was deleted.</param>
/// <param name="ConversationReferencesDeleted">Conversation references deleted.</param>
/// <param name="StateKeysDeleted">State keys deleted (or already absent).</param>
/// <param name="ResponsesDeleted">Responses deleted (the consultation's consent did not allow anonymous aggregates).</param>
/// <param name="ResponsesAnonymized">Responses kept as anonymous copies (consent text allowed it).</param>
/// <param name="CitizenQuestionsDeleted">Questions to staff deleted (text and answer).</param>
/// <param name="DeliveriesDeleted">Notification deliveries deleted.</param>
public sealed record ErasureReport(
    string ParticipantId,
    bool ParticipantDeleted,
    int ConversationReferencesDeleted,
    int StateKeysDeleted,
    int ResponsesDeleted,
    int ResponsesAnonymized,
    int CitizenQuestionsDeleted,
    int DeliveriesDeleted);

/// <summary>Everything stored about one participant.</summary>
public sealed record ParticipantDataExport
{
    /// <summary>The participant (identity, language, consents, subscriptions).</summary>
    public required Participant Participant { get; init; }

    /// <summary>Conversations the bot can write to.</summary>
    public required IReadOnlyList<ConversationReferenceRecord> ConversationReferences { get; init; }

    /// <summary>Conversation/user state documents by key (raw JSON).</summary>
    public required IReadOnlyDictionary<string, string> State { get; init; }

    /// <summary>Consultation responses with answers.</summary>
    public required IReadOnlyList<Response> Responses { get; init; }

    /// <summary>Questions asked to staff, with answers.</summary>
    public required IReadOnlyList<CitizenQuestion> CitizenQuestions { get; init; }

    /// <summary>Notification deliveries.</summary>
    public required IReadOnlyList<Delivery> Deliveries { get; init; }

    /// <summary>When the export was made.</summary>
    public required DateTimeOffset ExportedAt { get; init; }
}

/// <summary>
/// Erasure and export written once against the store interfaces, so every provider (SQLite, PostgreSQL, Cosmos DB)
/// gets the same coverage. Order: dependent data first, the participant record last, so an interrupted run can be
/// re-run with the same id (the participant, which gives the channel identity for state keys, still exists).
/// </summary>
internal sealed class PersonalDataEraser(
    IParticipantStore participants,
    IConversationReferenceStore references,
    IStateStore state,
    IResponseStore responses,
    IConsultationStore consultations,
    ICitizenQuestionStore questions,
    INotificationStore notifications,
    TimeProvider timeProvider,
    ILogger<PersonalDataEraser> logger) : IPersonalDataEraser
{
    /// <inheritdoc />
    public async Task<ErasureReport> EraseParticipantAsync(string participantId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(participantId);
        var participant = await participants.GetAsync(participantId, cancellationToken);
        var conversationReferences = await references.ListByParticipantAsync(participantId, cancellationToken);

        var stateKeys = participant is null ? [] : StateKeys.OfParticipant(participant, conversationReferences);
        if (stateKeys.Count > 0)
        {
            await state.DeleteAsync([.. stateKeys], cancellationToken);
        }

        int deletedResponses = 0, anonymizedResponses = 0;
        var keepByConsultation = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var response in await responses.ListByParticipantAsync(participantId, cancellationToken))
        {
            if (!keepByConsultation.TryGetValue(response.ConsultationId, out var keep))
            {
                keep = await KeepsAnonymousAggregatesAsync(response.ConsultationId, cancellationToken);
                keepByConsultation[response.ConsultationId] = keep;
            }

            if (await RemoveResponseAsync(response, keep, cancellationToken))
            {
                anonymizedResponses++;
            }
            else
            {
                deletedResponses++;
            }
        }

        var deletedQuestions = 0;
        foreach (var question in await questions.ListByParticipantAsync(participantId, cancellationToken))
        {
            deletedQuestions += await questions.DeleteAsync(question.Id, null, cancellationToken) ? 1 : 0;
        }

        var deletedDeliveries = 0;
        foreach (var delivery in await notifications.ListDeliveriesByParticipantAsync(participantId, cancellationToken))
        {
            deletedDeliveries += await notifications.DeleteDeliveryAsync(delivery.Id, cancellationToken) ? 1 : 0;
        }

        var deletedReferences = 0;
        foreach (var reference in conversationReferences)
        {
            deletedReferences += await references.DeleteAsync(reference.Id, null, cancellationToken) ? 1 : 0;
        }

        var participantDeleted = participant is not null && await participants.DeleteAsync(participantId, null, cancellationToken);
        var report = new ErasureReport(
            participantId, participantDeleted, deletedReferences, stateKeys.Count, deletedResponses, anonymizedResponses, deletedQuestions, deletedDeliveries);
        logger.LogInformation(
            "Personal data erased: participant deleted {ParticipantDeleted}, {References} references, {StateKeys} state keys, {Deleted} responses deleted, " +
            "{Anonymized} anonymised, {Questions} questions, {Deliveries} deliveries",
            report.ParticipantDeleted, report.ConversationReferencesDeleted, report.StateKeysDeleted, report.ResponsesDeleted,
            report.ResponsesAnonymized, report.CitizenQuestionsDeleted, report.DeliveriesDeleted);
        return report;
    }

    /// <inheritdoc />
    public async Task<ConsentWithdrawal> WithdrawConsentAsync(string participantId, string consultationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(participantId);
        ArgumentException.ThrowIfNullOrEmpty(consultationId);
        var withdrawn = false;
        if (await participants.GetAsync(participantId, cancellationToken) is { } participant
            && participant.Consents.Any(c => c.ConsultationId == consultationId && c.WithdrawnAt is null))
        {
            var now = timeProvider.GetUtcNow();
            var consents = participant.Consents
                .Select(c => c.ConsultationId == consultationId && c.WithdrawnAt is null ? c with { WithdrawnAt = now } : c)
                .ToList();
            await participants.SaveAsync(participant with { Consents = consents }, cancellationToken);
            withdrawn = true;
        }

        bool deleted = false, anonymized = false;
        if (await responses.FindAsync(participantId, consultationId, cancellationToken) is { } response)
        {
            anonymized = await RemoveResponseAsync(response, await KeepsAnonymousAggregatesAsync(consultationId, cancellationToken), cancellationToken);
            deleted = !anonymized;
        }

        logger.LogInformation(
            "Consent withdrawn for consultation {ConsultationId}: consent marked {Withdrawn}, response deleted {Deleted}, anonymised {Anonymized}",
            consultationId, withdrawn, deleted, anonymized);
        return new ConsentWithdrawal(consultationId, withdrawn, deleted, anonymized);
    }

    /// <inheritdoc />
    public async Task<ParticipantDataExport?> ExportParticipantAsync(string participantId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(participantId);
        var participant = await participants.GetAsync(participantId, cancellationToken);
        if (participant is null)
        {
            return null;
        }

        var conversationReferences = await references.ListByParticipantAsync(participantId, cancellationToken);
        var stateItems = await state.ReadAsync([.. StateKeys.OfParticipant(participant, conversationReferences)], cancellationToken);
        return new ParticipantDataExport
        {
            Participant = participant,
            ConversationReferences = conversationReferences,
            State = stateItems.OrderBy(i => i.Key, StringComparer.Ordinal).ToDictionary(i => i.Key, i => i.Value.Json, StringComparer.Ordinal),
            Responses = await responses.ListByParticipantAsync(participantId, cancellationToken),
            CitizenQuestions = await questions.ListByParticipantAsync(participantId, cancellationToken),
            Deliveries = await notifications.ListDeliveriesByParticipantAsync(participantId, cancellationToken),
            ExportedAt = timeProvider.GetUtcNow(),
        };
    }

    private async Task<bool> KeepsAnonymousAggregatesAsync(string consultationId, CancellationToken cancellationToken) =>
        (await consultations.GetAsync(consultationId, cancellationToken))?.Consent.KeepAnonymousAggregates == true;

    /// <summary>Anonymises (returns true) or deletes (returns false) a response.</summary>
    private async Task<bool> RemoveResponseAsync(Response response, bool keepAnonymous, CancellationToken cancellationToken)
    {
        if (keepAnonymous)
        {
            await responses.AnonymizeAsync(response.Id, cancellationToken);
            return true;
        }

        await responses.DeleteAsync(response.Id, null, cancellationToken);
        return false;
    }
}
