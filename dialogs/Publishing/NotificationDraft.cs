using EngagementBot.Dialogs.Resources;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Dialogs.Publishing;

/// <summary>The text of a notification in one language, as staff wrote it.</summary>
/// <param name="Title">Headline.</param>
/// <param name="Body">Body.</param>
public sealed record DraftText(string? Title, string? Body)
{
    /// <summary>Whether nothing was written.</summary>
    public bool IsEmpty => string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Body);
}

/// <summary>What staff want to publish, before validation.</summary>
/// <param name="ProjectSlug">The project.</param>
/// <param name="Kind">What it announces.</param>
/// <param name="French">The French text, if any.</param>
/// <param name="English">The English text, if any.</param>
/// <param name="Link">Optional link (absolute https).</param>
public sealed record NotificationDraft(string ProjectSlug, NotificationKind Kind, DraftText? French, DraftText? English, string? Link);

/// <summary>A problem with a draft: a <see cref="PublishingTexts"/> key and its arguments, so it can be said in either language.</summary>
/// <param name="Field">The field concerned (<c>title</c>, <c>body</c>, <c>link</c>).</param>
/// <param name="Key">The text key.</param>
/// <param name="Arguments">Its arguments (a language name is given as its text key).</param>
public sealed record DraftError(string Field, string Key, params object[] Arguments)
{
    /// <summary>The error in <paramref name="language"/>.</summary>
    public string Describe(string language) => PublishingTexts.Format(
        Key, language, [.. Arguments.Select(a => a is string key && key.StartsWith("Language", StringComparison.Ordinal) ? PublishingTexts.Get(key, language) : a)]);
}

/// <summary>A draft that passed validation: both languages filled (one copied from the other when only one was written).</summary>
/// <param name="ProjectSlug">The project.</param>
/// <param name="Kind">What it announces.</param>
/// <param name="Title">Headline in both languages.</param>
/// <param name="Body">Body in both languages.</param>
/// <param name="Link">Optional link.</param>
/// <param name="OneLanguageOnly">Whether only one language was written (everyone gets it).</param>
public sealed record ValidDraft(string ProjectSlug, NotificationKind Kind, LocalizedText Title, LocalizedText Body, Uri? Link, bool OneLanguageOnly);

/// <summary>Checks a draft: at least one language, each written language with a title and a body, a bounded length, an https link.</summary>
public static class DraftValidator
{
    /// <summary>The valid draft, or the errors.</summary>
    public static (ValidDraft? Draft, IReadOnlyList<DraftError> Errors) Validate(NotificationDraft draft, int maxTextLength)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new List<DraftError>();
        var french = Clean(draft.French);
        var english = Clean(draft.English);
        if (french is null && english is null)
        {
            errors.Add(new DraftError("title", PublishingTexts.ErrorNoText));
        }

        foreach (var (text, language) in new[] { (french, PublishingTexts.LanguageFrench), (english, PublishingTexts.LanguageEnglish) })
        {
            if (text is null)
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(text.Title) || string.IsNullOrWhiteSpace(text.Body))
            {
                errors.Add(new DraftError(string.IsNullOrWhiteSpace(text.Title) ? "title" : "body", PublishingTexts.ErrorNoBody, language));
            }
            else if (text.Title.Length + text.Body.Length > maxTextLength)
            {
                errors.Add(new DraftError("body", PublishingTexts.ErrorTooLong, maxTextLength));
            }
        }

        Uri? link = null;
        if (!string.IsNullOrWhiteSpace(draft.Link)
            && (!Uri.TryCreate(draft.Link.Trim(), UriKind.Absolute, out link) || link.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add(new DraftError("link", PublishingTexts.ErrorLink));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var fr = french ?? english!;
        var en = english ?? french!;
        return (new ValidDraft(
            draft.ProjectSlug,
            draft.Kind,
            new LocalizedText(fr.Title!, en.Title!),
            new LocalizedText(fr.Body!, en.Body!),
            link,
            french is null || english is null), []);
    }

    private static DraftText? Clean(DraftText? text) =>
        text is null || text.IsEmpty ? null : new DraftText(text.Title?.Trim(), text.Body?.Trim());
}
