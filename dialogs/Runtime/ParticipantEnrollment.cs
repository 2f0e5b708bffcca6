using EngagementBot.Storage;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Dialogs.Runtime;

/// <summary>
/// Someone the store does not know yet: who they are and how to reach them later, kept in memory until the
/// conversation first needs to store something about them (see <see cref="ParticipantEnrollment"/>).
/// </summary>
/// <param name="Participant">The participant to store (no ETag: not stored).</param>
/// <param name="Reference">The conversation reference to store with them, if the activity gave one.</param>
public sealed record Newcomer(Participant Participant, ConversationReferenceRecord? Reference);

/// <summary>
/// The sender of a turn as a participant. Data minimisation: someone who only asks for help, a project's status or
/// its key dates leaves nothing behind. The participant and the conversation reference (for replies sent later)
/// are stored, in the turn's transaction, by the first step that keeps something about them: consent, a
/// subscription, a question to staff, a reminder, a language choice, a staff command answered later.
/// </summary>
public sealed class ParticipantEnrollment(IParticipantStore participants, IConversationReferenceStore references)
{
    /// <summary>
    /// The sender: as stored, or — for a newcomer not stored yet — as they would be stored (no consent, no
    /// subscription, no ETag). Read afresh on every call, so a save earlier in the turn is seen with its new ETag.
    /// </summary>
    public async Task<Participant> CurrentAsync(DialogTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (turn.Input.Newcomer is { } newcomer && turn.EnrolledParticipantId is null)
        {
            return newcomer.Participant;
        }

        var id = turn.EnrolledParticipantId ?? turn.Input.ParticipantId;
        return await participants.GetAsync(id, cancellationToken)
            ?? throw new InvalidOperationException($"The participant '{id}' must be stored before the dialog runs.");
    }

    /// <summary>Whether the sender is stored (always true for a participant the store knew when the turn began).</summary>
    public static bool IsStored(DialogTurn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return turn.Input.Newcomer is null || turn.EnrolledParticipantId is not null;
    }

    /// <summary>
    /// The id of the sender as stored; a newcomer is stored now (<see cref="EnsureStoredAsync"/>). A sender the store
    /// knew when the turn began needs no read: their id came with the turn.
    /// </summary>
    public async ValueTask<string> EnsureStoredIdAsync(DialogTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return IsStored(turn)
            ? turn.EnrolledParticipantId ?? turn.Input.ParticipantId
            : (await EnsureStoredAsync(turn, cancellationToken)).Id;
    }

    /// <summary>The sender as stored; a newcomer is stored now, with the conversation reference.</summary>
    public async Task<Participant> EnsureStoredAsync(DialogTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (IsStored(turn))
        {
            return await CurrentAsync(turn, cancellationToken);
        }

        var newcomer = turn.Input.Newcomer!;
        var identity = newcomer.Participant;

        // Another conversation of the same person may have stored them since this turn began. If both store at once,
        // one insert meets the unique channel account: a conflict, and the runner runs the turn again, finding them.
        var stored = await participants.FindByChannelAccountAsync(identity.ChannelId, identity.UserId, cancellationToken)
            ?? await participants.SaveAsync(identity, cancellationToken);
        if (newcomer.Reference is { } reference)
        {
            var existing = await references.GetAsync(reference.Id, cancellationToken);
            if (existing is null || existing.ParticipantId != stored.Id || existing.Client != reference.Client)
            {
                await references.SaveAsync(reference with { ParticipantId = stored.Id, ETag = existing?.ETag }, cancellationToken);
            }
        }

        turn.EnrolledParticipantId = stored.Id;
        return stored;
    }
}
