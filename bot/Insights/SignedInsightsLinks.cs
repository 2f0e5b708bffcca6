using EngagementBot.Dialogs.Insights;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace EngagementBot.Bot.Insights;

/// <summary>Export links for report cards: the bot's public origin + the export path + a signed, expiring query.</summary>
public sealed class SignedInsightsLinks(ExportLinkSigner signer, IOptions<InsightsExportOptions> options, IServer server, TimeProvider time) : IInsightsLinks
{
    /// <inheritdoc />
    public InsightsExportLinks Create(InsightsFilter filter, string language)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var expires = time.GetUtcNow() + options.Value.LinkLifetime;
        var origin = Origin();
        var parameters = filter.ToPairs().Append(new("hl", language)).ToList();
        Uri Link(string path) => new(origin, path + "?" + signer.SignedQuery(path, parameters, expires));
        return new InsightsExportLinks(Link(InsightsExportEndpoints.CsvPath), Link(InsightsExportEndpoints.HtmlPath), expires);
    }

    private Uri Origin()
    {
        if (options.Value.PublicBaseUrl is { } configured)
        {
            return configured;
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:3978";
        return new Uri(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal));
    }
}
