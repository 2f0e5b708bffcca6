using System.Security.Cryptography;
using System.Text;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Storage;

/// <summary>How a response becomes anonymous (shared by every provider).</summary>
public static class ResponseAnonymizer
{
    /// <summary>Prefix of anonymous participant ids.</summary>
    public const string AnonymousPrefix = "anonymous-";

    /// <summary>
    /// The anonymous copy of a response: a new id and participant id that cannot be traced back (one-way hash
    /// of the original response id, which is deleted), no free-text answers, answer times and start/update
    /// times reduced to the day.
    /// </summary>
    public static Response Anonymize(Response response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("anonymous-response\n" + response.Id)));
        return response with
        {
            Id = hash[..32],
            ParticipantId = AnonymousPrefix + hash[32..],
            StartedAt = Day(response.StartedAt),
            UpdatedAt = Day(response.UpdatedAt),
            SubmittedAt = response.SubmittedAt is { } submitted ? Day(submitted) : null,
            Answers = [.. response.Answers.Where(a => a.Value is not TextAnswer).Select(a => a with { AnsweredAt = Day(a.AnsweredAt) })],
            ETag = null,
        };
    }

    private static DateTimeOffset Day(DateTimeOffset value) => new(value.UtcDateTime.Date, TimeSpan.Zero);
}
