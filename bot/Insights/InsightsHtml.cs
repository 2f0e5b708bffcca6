using System.Globalization;
using System.Net;
using System.Text;
using EngagementBot.Analytics.Model;
using EngagementBot.Dialogs.Insights;
using T = EngagementBot.Dialogs.Resources.InsightsTexts;

namespace EngagementBot.Bot.Insights;

/// <summary>
/// The report as one self-contained HTML page with inline SVG charts (sentiment, languages, themes, relationship
/// indicators): no script, no outside resource. Every text from data is HTML-encoded.
/// </summary>
public static class InsightsHtml
{
    private static readonly Dictionary<SentimentLabel, string> Colors = new()
    {
        [SentimentLabel.Positive] = "#2e7d32",
        [SentimentLabel.Neutral] = "#1565c0",
        [SentimentLabel.Negative] = "#c62828",
        [SentimentLabel.Mixed] = "#ef6c00",
    };

    /// <summary>The page.</summary>
    public static string Render(InsightsReport report, string language)
    {
        ArgumentNullException.ThrowIfNull(report);
        var culture = T.Culture(language);
        var html = new StringBuilder();
        var title = $"{T.Get(T.ReportTitle, language)} — {report.ScopeLabel}";
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{language}\"><head><meta charset=\"utf-8\"><title>{E(title)}</title>");
        html.Append("<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}")
            .Append("h2{border-bottom:1px solid #ccc;padding-bottom:.2rem}.muted{color:#666;font-size:.9rem}blockquote{margin:.3rem 0 .3rem 1rem;border-left:3px solid #ccc;padding-left:.6rem}")
            .Append("table{border-collapse:collapse}td,th{padding:.2rem .6rem;text-align:left;border-bottom:1px solid #eee}</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{E(title)}</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">{E(T.Format(T.Filters, language, report.Filter.Describe(language)))} · {E(T.Format(T.GeneratedAt, language, report.GeneratedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)))}</p>");
        html.Append(CultureInfo.InvariantCulture, $"<p>{E(T.Format(T.ResponsesLine, language, report.Responses, report.Submitted, InsightsCard.Percent(report.CompletionRate, language), report.Comments.Count))}</p>");

        Section(html, T.Get(T.Sentiment, language));
        var sentiments = new[] { SentimentLabel.Positive, SentimentLabel.Neutral, SentimentLabel.Negative, SentimentLabel.Mixed };
        html.Append(BarChart(
            "sentiment-chart",
            [.. sentiments.Select(s => (InsightsCard.SentimentName(s, language), (double)report.Sentiment.Of(s), Colors[s], $"{report.Sentiment.Of(s)} ({InsightsCard.Percent(report.Sentiment.Total == 0 ? null : (double)report.Sentiment.Of(s) / report.Sentiment.Total, language)})"))],
            report.Sentiment.Total));

        Section(html, T.Get(T.Languages, language));
        var languageTotal = report.Languages.French + report.Languages.English + report.Languages.Other;
        html.Append(BarChart(
            "language-chart",
            [
                (T.Get(T.French, language), report.Languages.French, "#5e35b1", report.Languages.French.ToString(culture)),
                (T.Get(T.English, language), report.Languages.English, "#00897b", report.Languages.English.ToString(culture)),
                (T.Get(T.OtherLanguage, language), report.Languages.Other, "#757575", report.Languages.Other.ToString(culture)),
            ],
            languageTotal));

        Section(html, T.Get(T.Themes, language));
        html.Append(BarChart("theme-chart", [.. report.Themes.Select(t => (t.Label, (double)t.Count, "#455a64", t.Count.ToString(culture)))], report.Themes.Count == 0 ? 0 : report.Themes.Max(t => t.Count)));
        foreach (var theme in report.Themes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3>{E(T.Format(T.ThemeLine, language, theme.Label, theme.Count))}</h3>");
            foreach (var quote in theme.Quotes)
            {
                html.Append(CultureInfo.InvariantCulture, $"<blockquote>“{E(quote.Text)}” <span class=\"muted\">{E(T.Format(T.Response, language, quote.ResponseId))}</span></blockquote>");
            }
        }

        Section(html, T.Get(T.Summary, language));
        html.Append("<ul>");
        foreach (var sentence in report.Summary)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{E(sentence.Text)} <span class=\"muted\">[{E(string.Join(", ", sentence.ResponseIds))}]</span></li>");
        }

        html.Append("</ul>");
        Section(html, T.Get(T.KeyPhrases, language));
        html.Append(CultureInfo.InvariantCulture, $"<p>{E(string.Join(", ", report.KeyPhrases.Select(k => $"{k.Phrase} ({k.Count})")))}</p>");

        Section(html, T.Get(T.Kpis, language));
        html.Append("<table>");
        foreach (var (label, value, _) in InsightsCard.KpiRows(report.Kpis, language))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(label)}</th><td>{E(value)}</td></tr>");
        }

        html.Append("</table>");
        Section(html, T.Get(T.Relationship, language));
        html.Append(BarChart("indicator-chart", [.. InsightsCard.IndicatorRows(report.Kpis.Indicators, language).Select(i => (i.Label, (i.Share ?? 0) * 100, "#1565c0", InsightsCard.Percent(i.Share, language)))], 100));

        Section(html, T.Get(T.CommentsHeading, language));
        html.Append("<table><tr><th>id</th><th>").Append(E(T.Get(T.Sentiment, language))).Append("</th><th>").Append(E(T.Get(T.Themes, language))).Append("</th><th></th></tr>");
        foreach (var comment in report.Comments)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"muted\">{E(comment.ResponseId)}</td><td>{E(InsightsCard.SentimentName(comment.Sentiment, language))}</td><td>{E(string.Join(", ", comment.ThemeLabels))}</td><td>{E(comment.RedactedText)}</td></tr>");
        }

        html.Append("</table></body></html>");
        return html.ToString();
    }

    /// <summary>A horizontal bar chart in inline SVG; bars scale to <paramref name="max"/>.</summary>
    private static string BarChart(string id, IReadOnlyList<(string Label, double Value, string Color, string Caption)> bars, double max)
    {
        const int rowHeight = 26;
        const int labelWidth = 190;
        const int barWidth = 420;
        var height = Math.Max(1, bars.Count) * rowHeight;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"{id}\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{labelWidth + barWidth + 120}\" height=\"{height}\" viewBox=\"0 0 {labelWidth + barWidth + 120} {height}\">");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value, color, caption) = bars[i];
            var width = max <= 0 ? 0 : Math.Round(barWidth * value / max, 1);
            var y = i * rowHeight;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 17}\" font-size=\"13\">{E(label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y + 4}\" width=\"{width.ToString(CultureInfo.InvariantCulture)}\" height=\"18\" fill=\"{color}\"><title>{E(caption)}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{(labelWidth + width + 6).ToString(CultureInfo.InvariantCulture)}\" y=\"{y + 17}\" font-size=\"13\">{E(caption)}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static void Section(StringBuilder html, string title) => html.Append(CultureInfo.InvariantCulture, $"<h2>{E(title)}</h2>");

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
