using EngagementBot.Dialogs.Runtime;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Dialogs.Publishing;

/// <summary>
/// The reminders a participant asked for ("remind me"), as personal data: listed in their "my data" export and
/// removed from every key date's opt-in list when they have their data deleted (the opt-in lists hold participant ids
/// and sit in the state store, where erasure does not look).
/// </summary>
public sealed class ReminderPersonalData(IProjectStore projects, ReminderOptIns optIns) : IPersonalDataHolder
{
    /// <inheritdoc />
    public string ExportName => "reminders";

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ExportAsync(string participantId, CancellationToken cancellationToken)
    {
        var keyDates = await KeyDatesAsync(cancellationToken);
        var holding = await optIns.KeysHoldingAsync(keyDates.Keys, participantId, cancellationToken);
        return [.. holding.Select(key => keyDates[key]).Select(k => $"{k.Project.Slug}/{k.KeyDate.Id}: {k.KeyDate.Title.Fr} / {k.KeyDate.Title.En} ({k.KeyDate.Start:yyyy-MM-dd HH:mm} UTC)")];
    }

    /// <inheritdoc />
    public async Task<int> ForgetAsync(string participantId, CancellationToken cancellationToken) =>
        await optIns.RemoveAsync((await KeyDatesAsync(cancellationToken)).Keys, participantId, cancellationToken);

    private async Task<Dictionary<string, (Project Project, KeyDate KeyDate)>> KeyDatesAsync(CancellationToken cancellationToken) =>
        (await Pages.AllAsync(projects.ListAsync, cancellationToken))
            .SelectMany(project => project.KeyDates.Select(keyDate => (Project: project, KeyDate: keyDate)))
            .ToDictionary(k => ReminderOptIns.Key(k.Project.Slug, k.KeyDate.Id), StringComparer.Ordinal);
}
