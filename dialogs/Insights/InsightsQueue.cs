using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace EngagementBot.Dialogs.Insights;

/// <summary>A report to compute and send to a staff conversation.</summary>
/// <param name="Kind">Summary or theme.</param>
/// <param name="Filter">What it covers.</param>
/// <param name="ThemeName">The theme asked for (theme command).</param>
/// <param name="ConversationReferenceId">Where to send it.</param>
/// <param name="Language">The staff member's language.</param>
public sealed record InsightsJob(InsightsCommandKind Kind, InsightsFilter Filter, string? ThemeName, string ConversationReferenceId, string Language);

/// <summary>The bounded queue between the staff command (which acknowledges at once) and <see cref="InsightsWorker"/>.</summary>
public sealed class InsightsQueue(IOptions<InsightsOptions> options)
{
    private readonly Channel<InsightsJob> _jobs = Channel.CreateBounded<InsightsJob>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = false,
    });

    /// <summary>Queues a job; false when the queue is full (the caller asks staff to try again).</summary>
    public bool TryEnqueue(InsightsJob job) => _jobs.Writer.TryWrite(job);

    /// <summary>The jobs, as they come.</summary>
    public IAsyncEnumerable<InsightsJob> ReadAllAsync(CancellationToken cancellationToken) => _jobs.Reader.ReadAllAsync(cancellationToken);
}
