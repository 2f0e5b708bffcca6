namespace EngagementBot.Dialogs.Runtime;

/// <summary>
/// A feature that keeps a participant's id somewhere erasure and export (<c>IPersonalDataEraser</c>) do not look, such
/// as the list of people who asked for an event's reminder: it says what it holds for the "my data" export and forgets
/// the participant when they ask to have their data deleted.
/// </summary>
public interface IPersonalDataHolder
{
    /// <summary>The name of its part in the export (a JSON property).</summary>
    string ExportName { get; }

    /// <summary>What it holds about the participant, one line each (never another participant's data).</summary>
    Task<IReadOnlyList<string>> ExportAsync(string participantId, CancellationToken cancellationToken);

    /// <summary>Removes the participant; returns in how many places they were found.</summary>
    Task<int> ForgetAsync(string participantId, CancellationToken cancellationToken);
}
