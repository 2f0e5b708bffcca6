using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EngagementBot.Analytics.Model;
using EngagementBot.Dialogs.Runtime;
using T = EngagementBot.Dialogs.Resources.InsightsTexts;

namespace EngagementBot.Dialogs.Insights;

/// <summary>
/// The report as an Adaptive Card 1.5 (sentiment and indicator bars drawn with ■ characters in the theme's colours,
/// themes with redacted quotes, the summary with its citations, key phrases, FR/EN split, KPIs, export links)
/// and the same content as markdown for channels without cards.
/// </summary>
public static class InsightsCard
{
    private const int BarLength = 20;
    private const int MaxQuoteLength = 280;

    /// <summary>The report card.</summary>
    public static CardReply Report(InsightsReport report, string language, InsightsExportLinks? links, int themes)
    {
        ArgumentNullException.ThrowIfNull(report);
        var culture = T.Culture(language);
        var body = new JsonArray
        {
            Text(T.Get(T.ReportTitle, language) + " — " + report.ScopeLabel, size: "Large", weight: "Bolder"),
            Text(T.Format(T.Filters, language, report.Filter.Describe(language)), subtle: true, spacing: "None"),
            Text(T.Format(T.GeneratedAt, language, report.GeneratedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)), subtle: true, spacing: "None", size: "Small"),
            Text(ResponsesLine(report, language)),
        };
        var md = new StringBuilder();
        md.AppendLine(culture, $"**{T.Get(T.ReportTitle, language)} — {report.ScopeLabel}**");
        md.AppendLine(T.Format(T.Filters, language, report.Filter.Describe(language)));
        md.AppendLine(ResponsesLine(report, language));
        if (report.ImportedComments > 0)
        {
            var imported = T.Format(T.ImportedLine, language, report.ImportedComments);
            body.Add(Text(imported, subtle: true, spacing: "None"));
            md.AppendLine(imported);
        }

        if (report.Comments.Count == 0)
        {
            body.Add(Text(T.Get(T.NoComments, language), weight: "Bolder"));
            md.AppendLine(T.Get(T.NoComments, language));
        }
        else
        {
            AddSentiment(body, md, report.Sentiment, language);
            AddThemes(body, md, report.Themes.Take(themes), report.Filter, language);
            AddSummary(body, md, report.Summary, language);
            Heading(body, md, T.Get(T.KeyPhrases, language));
            var phrases = string.Join(", ", report.KeyPhrases.Take(10).Select(k => $"{k.Phrase} ({k.Count})"));
            body.Add(Text(phrases, spacing: "None"));
            md.AppendLine(phrases);
            Heading(body, md, T.Get(T.Languages, language));
            var split = T.Format(T.LanguageLine, language, report.Languages.French, report.Languages.English, report.Languages.Other);
            body.Add(Text(split, spacing: "None"));
            md.AppendLine(split);
        }

        AddKpis(body, md, report.Kpis, language);
        var card = Card(body);
        if (links is not null)
        {
            card["actions"] = new JsonArray
            {
                OpenUrl(T.Get(T.ExportCsv, language), links.Csv),
                OpenUrl(T.Get(T.ExportHtml, language), links.Html),
            };
            var expiry = T.Format(T.LinksExpire, language, links.ExpiresAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            body.Add(Text(expiry, subtle: true, size: "Small"));
            md.AppendLine(culture, $"[{T.Get(T.ExportCsv, language)}]({links.Csv}) · [{T.Get(T.ExportHtml, language)}]({links.Html}) — {expiry}");
        }

        return new CardReply(card.ToJsonString(), md.ToString().TrimEnd());
    }

    /// <summary>The comments of one theme (redacted), newest first, with their sentiment.</summary>
    public static CardReply Theme(InsightsReport report, ThemeInsight theme, string language, InsightsExportLinks? links, int maxComments)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(theme);
        var culture = T.Culture(language);
        var comments = report.Comments.Where(c => c.ThemeKeys.Contains(theme.Key, StringComparer.Ordinal)).OrderByDescending(c => c.AnsweredAt).ToList();
        var breakdown = new SentimentBreakdown(
            comments.Count(c => c.Sentiment == SentimentLabel.Positive),
            comments.Count(c => c.Sentiment == SentimentLabel.Neutral),
            comments.Count(c => c.Sentiment == SentimentLabel.Negative),
            comments.Count(c => c.Sentiment == SentimentLabel.Mixed));
        var title = T.Format(T.ThemeTitle, language, theme.Label);
        var subtitle = T.Format(T.ThemeComments, language, comments.Count, report.ScopeLabel);
        var body = new JsonArray { Text(title, size: "Large", weight: "Bolder"), Text(subtitle, subtle: true, spacing: "None") };
        var md = new StringBuilder();
        md.AppendLine(culture, $"**{title}**");
        md.AppendLine(subtitle);
        AddSentiment(body, md, breakdown, language);
        Heading(body, md, T.Get(T.CommentsHeading, language));
        foreach (var comment in comments.Take(maxComments))
        {
            var label = SentimentName(comment.Sentiment, language);
            var line = $"“{Shorten(comment.RedactedText)}”";
            var source = $"{label} · {T.Format(T.Response, language, comment.ResponseId)}";
            body.Add(Text(line));
            body.Add(Text(source, subtle: true, size: "Small", spacing: "None", color: SentimentColor(comment.Sentiment)));
            md.AppendLine(culture, $"- {line} — {source}");
        }

        if (comments.Count > maxComments)
        {
            var more = T.Format(T.MoreComments, language, comments.Count - maxComments);
            body.Add(Text(more, subtle: true));
            md.AppendLine(more);
        }

        var card = Card(body);
        if (links is not null)
        {
            card["actions"] = new JsonArray { OpenUrl(T.Get(T.ExportCsv, language), links.Csv), OpenUrl(T.Get(T.ExportHtml, language), links.Html) };
            md.AppendLine(culture, $"[{T.Get(T.ExportCsv, language)}]({links.Csv}) · [{T.Get(T.ExportHtml, language)}]({links.Html})");
        }

        return new CardReply(card.ToJsonString(), md.ToString().TrimEnd());
    }

    /// <summary>A share as a bar of ■ and □ characters.</summary>
    public static string Bar(double share)
    {
        var filled = (int)Math.Round(Math.Clamp(share, 0, 1) * BarLength, MidpointRounding.AwayFromZero);
        return new string('■', filled) + new string('□', BarLength - filled);
    }

    /// <summary>A share as a percentage, or n/a.</summary>
    public static string Percent(double? share, string language) =>
        share is { } s ? (s * 100).ToString("0", T.Culture(language)) + " %" : T.Get(T.NotAvailable, language);

    /// <summary>The name of a sentiment.</summary>
    public static string SentimentName(SentimentLabel label, string language) => T.Get(label.ToString(), language);

    /// <summary>The Adaptive Card colour of a sentiment.</summary>
    public static string SentimentColor(SentimentLabel label) => label switch
    {
        SentimentLabel.Positive => "Good",
        SentimentLabel.Negative => "Attention",
        SentimentLabel.Mixed => "Warning",
        _ => "Accent",
    };

    /// <summary>A duration in minutes, hours or days.</summary>
    public static string Duration(TimeSpan? duration, string language)
    {
        if (duration is not { } d)
        {
            return T.Get(T.NotAvailable, language);
        }

        var culture = T.Culture(language);
        return d.TotalHours < 1 ? T.Format(T.Minutes, language, d.TotalMinutes.ToString("0.#", culture))
            : d.TotalDays < 2 ? T.Format(T.Hours, language, d.TotalHours.ToString("0.#", culture))
            : T.Format(T.Days, language, d.TotalDays.ToString("0.#", culture));
    }

    /// <summary>KPI rows (label, value) in display order, shared by the card and the HTML report.</summary>
    public static IReadOnlyList<(string Label, string Value, double? Share)> KpiRows(EngagementKpis kpis, string language)
    {
        ArgumentNullException.ThrowIfNull(kpis);
        return
        [
            (T.Get(T.Participants, language), kpis.Participants.ToString(T.Culture(language)), null),
            (T.Get(T.Completion, language), OfCount(kpis.Completion, language), kpis.Completion.Rate),
            (T.Get(T.MedianTime, language), Duration(kpis.MedianCompletionTime, language), null),
            (T.Get(T.OptIn, language), OfCount(kpis.OptIn, language), kpis.OptIn.Rate),
            (T.Format(T.AnsweredWithinTarget, language, Duration(kpis.AnswerTarget, language)), OfCount(kpis.AnsweredWithinTarget, language), kpis.AnsweredWithinTarget.Rate),
            (T.Format(T.ReturnRate, language, Duration(kpis.ReturnWindow, language)), OfCount(kpis.ReturnAfterUpdate, language), kpis.ReturnAfterUpdate.Rate),
        ];
    }

    /// <summary>The relationship indicators (label, share) in display order.</summary>
    public static IReadOnlyList<(string Label, double? Share)> IndicatorRows(RelationshipIndicators indicators, string language)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        return
        [
            (T.Get(T.Reliability, language), indicators.Reliability),
            (T.Get(T.Transparency, language), indicators.Transparency),
            (T.Get(T.Involvement, language), indicators.Involvement),
            (T.Get(T.Investment, language), indicators.Investment),
            (T.Get(T.Commitment, language), indicators.Commitment),
        ];
    }

    /// <summary>Long comments are cut on the card (the CSV and HTML exports keep them whole).</summary>
    private static string Shorten(string text)
    {
        if (text.Length <= MaxQuoteLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', MaxQuoteLength - 1);
        return text[..(cut > 200 ? cut : MaxQuoteLength - 1)].TrimEnd() + "…";
    }

    private static string OfCount(Ratio ratio, string language) =>
        ratio.Of == 0 ? T.Get(T.NotAvailable, language) : T.Format(T.OfCount, language, Percent(ratio.Rate, language), ratio.Count, ratio.Of);

    private static string ResponsesLine(InsightsReport report, string language) =>
        T.Format(T.ResponsesLine, language, report.Responses, report.Submitted, Percent(report.CompletionRate, language), report.Comments.Count);

    private static void AddSentiment(JsonArray body, StringBuilder md, SentimentBreakdown sentiment, string language)
    {
        Heading(body, md, T.Get(T.Sentiment, language));
        foreach (var label in (SentimentLabel[])[SentimentLabel.Positive, SentimentLabel.Neutral, SentimentLabel.Negative, SentimentLabel.Mixed])
        {
            var count = sentiment.Of(label);
            double? share = sentiment.Total == 0 ? null : (double)count / sentiment.Total;
            var name = SentimentName(label, language);
            var value = $"{count} ({Percent(share, language)})";
            body.Add(BarRow(name, share ?? 0, value, SentimentColor(label)));
            md.AppendLine(CultureInfo.InvariantCulture, $"`{Bar(share ?? 0)}` {name}{Colon(language)}{value}  ");
        }
    }

    private static void AddThemes(JsonArray body, StringBuilder md, IEnumerable<ThemeInsight> themes, InsightsFilter filter, string language)
    {
        Heading(body, md, T.Get(T.Themes, language));
        foreach (var theme in themes)
        {
            var line = T.Format(T.ThemeLine, language, theme.Label, theme.Count);
            body.Add(Text(line, weight: "Bolder", spacing: "Small"));
            md.AppendLine(CultureInfo.InvariantCulture, $"- **{line}**");
            foreach (var quote in theme.Quotes)
            {
                var source = T.Format(T.Response, language, quote.ResponseId);
                body.Add(Text($"“{Shorten(quote.Text)}”", spacing: "None"));
                body.Add(Text(source, subtle: true, size: "Small", spacing: "None"));
                md.AppendLine(CultureInfo.InvariantCulture, $"  - “{Shorten(quote.Text)}” — {source}");
            }

            // Drill-down button: sends "theme <key> <same filters>" as if typed.
            var command = $"theme {theme.Key} {filter.ToCommandWords()}".TrimEnd();
            body.Add(new JsonObject
            {
                ["type"] = "ActionSet",
                ["spacing"] = "None",
                ["actions"] = new JsonArray
                {
                    new JsonObject { ["type"] = "Action.Submit", ["title"] = T.Get(T.ThemeDetails, language), ["data"] = new JsonObject { ["text"] = command } },
                },
            });
            md.AppendLine(CultureInfo.InvariantCulture, $"  - `{command}`");
        }
    }

    private static void AddSummary(JsonArray body, StringBuilder md, IReadOnlyList<SummaryLine> summary, string language)
    {
        Heading(body, md, T.Get(T.Summary, language));
        foreach (var sentence in summary)
        {
            var cites = "[" + string.Join(", ", sentence.ResponseIds) + "]";
            body.Add(Text("• " + Shorten(sentence.Text), spacing: "Small"));
            body.Add(Text(cites, subtle: true, size: "Small", spacing: "None"));
            md.AppendLine(CultureInfo.InvariantCulture, $"- {Shorten(sentence.Text)} {cites}");
        }
    }

    private static void AddKpis(JsonArray body, StringBuilder md, EngagementKpis kpis, string language)
    {
        Heading(body, md, T.Get(T.Kpis, language));
        var facts = new JsonArray();
        foreach (var (label, value, _) in KpiRows(kpis, language))
        {
            facts.Add(new JsonObject { ["title"] = label, ["value"] = value });
            md.AppendLine(CultureInfo.InvariantCulture, $"- {label}{Colon(language)}{value}");
        }

        body.Add(new JsonObject { ["type"] = "FactSet", ["facts"] = facts });
        Heading(body, md, T.Get(T.Relationship, language));
        foreach (var (label, share) in IndicatorRows(kpis.Indicators, language))
        {
            body.Add(BarRow(label, share ?? 0, Percent(share, language), "Accent"));
            md.AppendLine(CultureInfo.InvariantCulture, $"`{Bar(share ?? 0)}` {label}{Colon(language)}{Percent(share, language)}  ");
        }
    }

    /// <summary>A label's colon as each language writes it: « Participants : 1 » in French, "Participants: 1" in English.</summary>
    private static string Colon(string language) => language == "fr" ? "\u00a0: " : ": ";

    private static void Heading(JsonArray body, StringBuilder md, string text)
    {
        body.Add(Text(text, weight: "Bolder", size: "Medium", spacing: "Medium", separator: true));
        md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"**{text}**");
    }

    private static JsonObject BarRow(string label, double share, string value, string color) => new()
    {
        ["type"] = "ColumnSet",
        ["spacing"] = "None",
        ["columns"] = new JsonArray
        {
            new JsonObject { ["type"] = "Column", ["width"] = "110px", ["items"] = new JsonArray { Text(label, wrap: false) } },
            new JsonObject { ["type"] = "Column", ["width"] = "stretch", ["items"] = new JsonArray { Text(Bar(share), color: color, wrap: false) } },
            new JsonObject { ["type"] = "Column", ["width"] = "auto", ["items"] = new JsonArray { Text(value, wrap: false) } },
        },
    };

    private static JsonObject Card(JsonArray body) => new()
    {
        ["type"] = "AdaptiveCard",
        ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
        ["version"] = "1.5",
        ["body"] = body,
    };

    private static JsonObject OpenUrl(string title, Uri url) => new() { ["type"] = "Action.OpenUrl", ["title"] = title, ["url"] = url.ToString() };

    private static JsonObject Text(
        string text, string? size = null, string? weight = null, bool subtle = false, string? spacing = null, string? color = null, bool separator = false, bool wrap = true)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = wrap };
        if (size is not null)
        {
            block["size"] = size;
        }

        if (weight is not null)
        {
            block["weight"] = weight;
        }

        if (subtle)
        {
            block["isSubtle"] = true;
        }

        if (spacing is not null)
        {
            block["spacing"] = spacing;
        }

        if (color is not null)
        {
            block["color"] = color;
        }

        if (separator)
        {
            block["separator"] = true;
        }

        return block;
    }
}
