namespace EngagementBot.Dialogs.Insights;

/// <summary>Staff-only links to the exports of a report (CSV and HTML), valid until <see cref="ExpiresAt"/>.</summary>
/// <param name="Csv">The CSV export.</param>
/// <param name="Html">The HTML report.</param>
/// <param name="ExpiresAt">When the links stop working.</param>
public sealed record InsightsExportLinks(Uri Csv, Uri Html, DateTimeOffset ExpiresAt);

/// <summary>Makes export links for a report's filter (the host signs them); absent when the host serves no exports.</summary>
public interface IInsightsLinks
{
    /// <summary>Fresh links for the filter, in the report's language.</summary>
    InsightsExportLinks Create(InsightsFilter filter, string language);
}
