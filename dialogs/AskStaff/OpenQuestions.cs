using EngagementBot.Storage;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Dialogs.AskStaff;

/// <summary>The questions still waiting for an answer (new or assigned), oldest first.</summary>
public sealed class OpenQuestions(ICitizenQuestionStore questions)
{
    /// <summary>Up to <paramref name="max"/> open questions, oldest first (ids are time-ordered).</summary>
    public async Task<IReadOnlyList<CitizenQuestion>> ListAsync(int max, CancellationToken cancellationToken)
    {
        var open = new List<CitizenQuestion>();
        foreach (var status in (CitizenQuestionStatus[])[CitizenQuestionStatus.New, CitizenQuestionStatus.Assigned])
        {
            // Each status is listed oldest first, so the first max of each hold the max oldest overall.
            var before = open.Count;
            string? token = null;
            do
            {
                var page = await questions.ListAsync(status, new PageRequest(100, token), cancellationToken);
                open.AddRange(page.Items);
                token = page.ContinuationToken;
            }
            while (token is not null && open.Count - before < max);
        }

        return [.. open.OrderBy(q => q.AskedAt).ThenBy(q => q.Id, StringComparer.Ordinal).Take(max)];
    }
}
