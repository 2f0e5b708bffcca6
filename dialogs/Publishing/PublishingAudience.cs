using System.Runtime.CompilerServices;
using EngagementBot.Storage;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.Options;

namespace EngagementBot.Dialogs.Publishing;

/// <summary>
/// Who hears about a project's notification: the participants subscribed to the project and to the kind's topic
/// (<see cref="NotificationKinds.TopicOf"/>). Results reach everyone who took part in a consultation of the project and
/// opted in to results, because that opt-in (the offer at the end of a consultation, or "subscribe") is stored as the
/// project's <see cref="SubscriptionTopics.Results"/> subscription. Read page by page, so any audience fits in bounded memory.
/// </summary>
public sealed class PublishingAudience(IParticipantStore participants, IOptions<PublishingOptions> options)
{
    /// <summary>The audience, one page of participants at a time (ordered by id, each participant once).</summary>
    public async IAsyncEnumerable<IReadOnlyList<Participant>> PagesAsync(
        string projectSlug, NotificationKind kind, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var topic = NotificationKinds.TopicOf(kind);
        string? continuation = null;
        do
        {
            var page = await participants.ListSubscribersAsync(projectSlug, topic, new PageRequest(options.Value.FanOutPageSize, continuation), cancellationToken);
            if (page.Items.Count > 0)
            {
                yield return page.Items;
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
    }

    /// <summary>How many participants a notification of <paramref name="kind"/> would reach (for the preview).</summary>
    public async Task<int> CountAsync(string projectSlug, NotificationKind kind, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var page in PagesAsync(projectSlug, kind, cancellationToken))
        {
            count += page.Count;
        }

        return count;
    }
}
