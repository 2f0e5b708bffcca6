using System.Globalization;
using EngagementBot.Dialogs.Runtime;

namespace EngagementBot.Dialogs.Insights;

/// <summary>What a report covers.</summary>
/// <param name="Scope">A consultation id or a project slug; <see langword="null"/> for every consultation.</param>
/// <param name="QuestionId">Only the free-text answers to this question.</param>
/// <param name="Since">First day (UTC) of the period, inclusive.</param>
/// <param name="Until">Last day (UTC) of the period, inclusive.</param>
/// <param name="Language">Only comments detected in this language (<c>fr</c> or <c>en</c>).</param>
public sealed record InsightsFilter(string? Scope = null, string? QuestionId = null, DateOnly? Since = null, DateOnly? Until = null, string? Language = null)
{
    /// <summary>Whether an instant falls in the period.</summary>
    public bool InPeriod(DateTimeOffset instant)
    {
        var day = DateOnly.FromDateTime(instant.UtcDateTime);
        return (Since is null || day >= Since) && (Until is null || day <= Until);
    }

    /// <summary>The filter as query-string pairs (for export links); only the values that are set.</summary>
    public IEnumerable<KeyValuePair<string, string>> ToPairs()
    {
        if (Scope is not null)
        {
            yield return new("scope", Scope);
        }

        if (QuestionId is not null)
        {
            yield return new("question", QuestionId);
        }

        if (Since is { } since)
        {
            yield return new("since", since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (Until is { } until)
        {
            yield return new("until", until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (Language is not null)
        {
            yield return new("lang", Language);
        }
    }

    /// <summary>The filter as command words ("berges-2026 question comments since 2026-11-01 en"), for card buttons.</summary>
    public string ToCommandWords()
    {
        var words = new List<string>();
        if (Scope is not null)
        {
            words.Add(Scope);
        }

        foreach (var (key, value) in ToPairs().Where(p => p.Key != "scope"))
        {
            words.Add(key == "lang" ? value : $"{key} {value}");
        }

        return string.Join(' ', words);
    }

    /// <summary>Reads a filter from query-string values; false with the offending name when one is malformed.</summary>
    public static bool TryFromPairs(Func<string, string?> value, out InsightsFilter filter, out string? invalid)
    {
        ArgumentNullException.ThrowIfNull(value);
        filter = new InsightsFilter();
        invalid = null;
        DateOnly? since = null;
        DateOnly? until = null;
        if (value("since") is { } s)
        {
            if (!InsightsCommandParser.TryParseDate(s, out var d))
            {
                invalid = "since";
                return false;
            }

            since = d;
        }

        if (value("until") is { } u)
        {
            if (!InsightsCommandParser.TryParseDate(u, out var d))
            {
                invalid = "until";
                return false;
            }

            until = d;
        }

        var language = value("lang");
        if (language is not null and not ("fr" or "en"))
        {
            invalid = "lang";
            return false;
        }

        filter = new InsightsFilter(Empty(value("scope")), Empty(value("question")), since, until, language);
        return true;
    }

    /// <summary>A short readable description of the filters, in a language.</summary>
    public string Describe(string language)
    {
        var parts = new List<string>();
        if (QuestionId is not null)
        {
            parts.Add(Resources.InsightsTexts.Format(Resources.InsightsTexts.FilterQuestion, language, QuestionId));
        }

        if (Since is { } since)
        {
            parts.Add(Resources.InsightsTexts.Format(Resources.InsightsTexts.FilterSince, language, since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        if (Until is { } until)
        {
            parts.Add(Resources.InsightsTexts.Format(Resources.InsightsTexts.FilterUntil, language, until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        if (Language is not null)
        {
            var name = Resources.InsightsTexts.Get(Language == "fr" ? Resources.InsightsTexts.French : Resources.InsightsTexts.English, language);
            parts.Add(Resources.InsightsTexts.Format(Resources.InsightsTexts.FilterLanguage, language, name));
        }

        return parts.Count == 0 ? Resources.InsightsTexts.Get(Resources.InsightsTexts.NoFilter, language) : string.Join(", ", parts);
    }

    private static string? Empty(string? text) => string.IsNullOrWhiteSpace(text) ? null : TextMatching.Normalize(text) is { Length: > 0 } ? text.Trim() : null;
}
