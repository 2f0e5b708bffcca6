namespace EngagementBot.Dialogs.Runtime;

/// <summary>
/// A part of the conversation beside the consultation runner (project answers, the ask-staff loop, staff
/// commands…). <see cref="ConversationDialog"/> offers every turn to the features in <see cref="Order"/>; the
/// first that handles it ends the turn, and the consultation runner gets the turns nobody took.
/// A feature that waits for an answer uses <see cref="DialogState.EnterFeature"/> and should let global
/// commands (help, cancel, language, stop) through unless its step expects them.
/// </summary>
public interface IDialogFeature
{
    /// <summary>Stable name, stored in <see cref="DialogState.Feature"/>.</summary>
    string Name { get; }

    /// <summary>Lower runs first: staff commands (100), waiting features (200), project answers (300).</summary>
    int Order { get; }

    /// <summary>Handles the turn and returns <see langword="true"/>, or returns <see langword="false"/> leaving it untouched.</summary>
    Task<bool> TryHandleAsync(DialogTurn turn, CancellationToken cancellationToken);
}
