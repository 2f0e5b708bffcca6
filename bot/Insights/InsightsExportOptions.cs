using System.ComponentModel.DataAnnotations;

namespace EngagementBot.Bot.Insights;

/// <summary>Export links of staff reports (configuration section <c>Insights</c>, beside <c>InsightsOptions</c>).</summary>
public sealed class InsightsExportOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Insights";

    /// <summary>
    /// Base64 HMAC-SHA256 key (at least 32 bytes) that signs export links. Empty: a random key per process (links stop
    /// working when the bot restarts and are not shared between instances; set one in production).
    /// </summary>
    public string? LinkSigningKey { get; set; }

    /// <summary>How long an export link works.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>The bot's public origin for links (e.g. https://bot.example.org); default: the address the server listens on.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(LinkSigningKey))
        {
            byte[]? key = null;
            try
            {
                key = Convert.FromBase64String(LinkSigningKey);
            }
            catch (FormatException)
            {
            }

            if (key is null || key.Length < 32)
            {
                yield return new ValidationResult("Insights:LinkSigningKey must be base64 of at least 32 bytes (e.g. `openssl rand -base64 32`).", [nameof(LinkSigningKey)]);
            }
        }

        if (PublicBaseUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult("Insights:PublicBaseUrl must be an absolute http(s) URL.", [nameof(PublicBaseUrl)]);
        }
    }
}
