using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.DirectLine;

/// <summary>Start-up validation of <see cref="DirectLineOptions"/>, with messages naming the setting to fix.</summary>
internal sealed class DirectLineOptionsValidator : IValidateOptions<DirectLineOptions>
{
    public ValidateOptionsResult Validate(string? name, DirectLineOptions options)
    {
        var failures = new List<string>();
        if (options.TokenLifetimeSeconds is < 60 or > 86_400)
        {
            failures.Add($"DirectLine:TokenLifetimeSeconds is {options.TokenLifetimeSeconds}; set it between 60 and 86400 seconds.");
        }

        if (options.MaxConversations is < 1 or > 1_000_000)
        {
            failures.Add($"DirectLine:MaxConversations is {options.MaxConversations}; set it between 1 and 1000000.");
        }

        if (options.IdleExpiryMinutes is < 1 or > 1440)
        {
            failures.Add($"DirectLine:IdleExpiryMinutes is {options.IdleExpiryMinutes}; set it between 1 and 1440 minutes.");
        }

        if (options.MaxHistory is < 1 or > 100_000)
        {
            failures.Add($"DirectLine:MaxHistory is {options.MaxHistory}; set it between 1 and 100000 activities.");
        }

        if (options.KeepAliveSeconds is < 1 or > 300)
        {
            failures.Add($"DirectLine:KeepAliveSeconds is {options.KeepAliveSeconds}; set it between 1 and 300 seconds.");
        }

        if (options.ServiceUrl is { Length: > 0 } serviceUrl
            && (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"DirectLine:ServiceUrl '{serviceUrl}' is not an absolute http(s) URL; set it to the bot's own origin, e.g. http://127.0.0.1:3978, or remove it.");
        }

        if (string.IsNullOrWhiteSpace(options.BotId))
        {
            failures.Add("DirectLine:BotId is empty; set it to the bot's account id in Direct Line conversations (e.g. engagementbot) or remove it.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
