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

    private async Task<Dictionary<string, (Project Project, KeyDate KeyDate)>> KeyDatesAsync(CancellationToken cancellationToken)
    {
        var keyDates = new Dictionary<string, (Project, KeyDate)>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var page = await projects.ListAsync(new PageRequest(50, token), cancellationToken);
            foreach (var project in page.Items)
            {
                foreach (var keyDate in project.KeyDates)
                {
                    keyDates[ReminderOptIns.Key(project.Slug, keyDate.Id)] = (project, keyDate);
                }
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        return keyDates;
    }
}
