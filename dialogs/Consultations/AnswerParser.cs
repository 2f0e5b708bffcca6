using System.Globalization;
using System.Text.RegularExpressions;
using EngagementBot.Dialogs.Resources;
using EngagementBot.Dialogs.Runtime;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Dialogs.Consultations;

/// <summary>The outcome of reading an answer: a value, or the reason it was refused (already in the user's language).</summary>
/// <param name="Value">The typed answer when accepted.</param>
/// <param name="Error">Why it was refused and how to answer.</param>
public sealed record ParsedAnswer(AnswerValue? Value, string? Error)
{
    /// <summary>An accepted answer.</summary>
    public static ParsedAnswer Ok(AnswerValue value) => new(value, null);

    /// <summary>A refused answer.</summary>
    public static ParsedAnswer Fail(string error) => new(null, error);
}

/// <summary>Reads a typed or clicked answer for any question type, in French or English.</summary>
public static partial class AnswerParser
{
    private static readonly CultureInfo FrenchCulture = CultureInfo.GetCultureInfo("fr-CA");
    private static readonly CultureInfo EnglishCulture = CultureInfo.GetCultureInfo("en-CA");
    private static readonly string[] YesWords = ["yes", "oui", "y", "o", "yeah", "yep", "ok", "d'accord", "daccord", "bien sur", "sure", "true", "j'accepte", "i agree", "accepte", "agree"];
    private static readonly string[] NoWords = ["no", "non", "n", "nope", "pas du tout", "false", "je refuse", "refuse", "decline", "i decline"];
    private static readonly char[] WordSeparators = [' ', '\'', ',', ';', '.', '!', '?', '(', ')', '-', '/', ':'];

    // Words that say nothing about which option is meant ("le vélo", "I'd like the dog"), after normalisation.
    private static readonly HashSet<string> FillerWords = new(StringComparer.Ordinal)
    {
        "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "et", "ou", "au", "aux", "a", "en", "mon", "ma", "mes",
        "avec", "pour", "je", "j", "surtout", "plutot", "aussi", "par", "pres", "sur", "dans", "vers", "puis", "ensuite",
        "abord", "svp", "veux", "voudrais", "aimerais", "prefere", "the", "an", "and", "or", "of", "to", "my", "i", "with",
        "for", "mostly", "also", "some", "by", "at", "in", "on", "near", "along", "from", "first", "then", "please", "like",
        "want", "would", "prefer", "is", "it",
    };

    private static readonly string[] DayMonthFormats = ["d MMMM yyyy", "MMMM d yyyy", "d/M yyyy", "dd/MM yyyy"];

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "dd-MM-yyyy", "d MMMM yyyy", "MMMM d yyyy", "MMMM d, yyyy", "dddd d MMMM yyyy", "dddd, MMMM d, yyyy"];

    /// <summary>Reads <paramref name="text"/> as an answer to <paramref name="question"/>.</summary>
    public static ParsedAnswer Parse(Question question, string text, string language)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (string.IsNullOrWhiteSpace(text))
        {
            return Fail(language, DialogTexts.ErrorEmpty);
        }

        text = text.Trim();
        return question switch
        {
            ChoiceQuestion choice => ParseChoice(choice, text, language),
            MultiChoiceQuestion multi => ParseMulti(multi, text, language),
            RankingQuestion ranking => ParseRanking(ranking, text, language),
            RatingQuestion rating => ParseRating(rating, text, language),
            YesNoQuestion => ParseYesNo(text) is { } yes ? ParsedAnswer.Ok(new YesNoAnswer(yes)) : Fail(language, DialogTexts.ErrorYesNo),
            NumberQuestion number => ParseNumber(number, text, language),
            TextQuestion free => free.MaxLength < text.Length
                ? Fail(language, DialogTexts.ErrorTextTooLong, text.Length, free.MaxLength)
                : ParsedAnswer.Ok(new TextAnswer(text)),
            DateQuestion date => ParseDate(date, text, language),
            _ => Fail(language, DialogTexts.ErrorEmpty),
        };
    }

    /// <summary>True for yes, false for no, null for anything else (also accepts 1 = yes and 2 = no, the numbered options).</summary>
    public static bool? ParseYesNo(string text)
    {
        var normalized = TextMatching.Normalize(text);
        if (normalized == "1" || YesWords.Contains(normalized, StringComparer.Ordinal))
        {
            return true;
        }

        if (normalized == "2" || NoWords.Contains(normalized, StringComparer.Ordinal))
        {
            return false;
        }

        return null;
    }

    /// <summary>The option meant by <paramref name="text"/>: its number, id, label in either language or a close spelling.</summary>
    public static QuestionOption? FindOption(IReadOnlyList<QuestionOption> options, string text)
    {
        var normalized = TextMatching.Normalize(text);
        if (normalized.Length == 0)
        {
            return null;
        }

        if (int.TryParse(normalized, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number >= 1 && number <= options.Count ? options[number - 1] : null;
        }

        foreach (var option in options)
        {
            if (TextMatching.Normalize(option.Id) == normalized
                || TextMatching.Normalize(option.Label.Fr) == normalized
                || TextMatching.Normalize(option.Label.En) == normalized)
            {
                return option;
            }
        }

        var limit = Math.Max(1, normalized.Length / 5);
        QuestionOption? best = null;
        var bestDistance = int.MaxValue;
        var tie = false;
        foreach (var option in options)
        {
            var distance = Math.Min(
                TextMatching.Distance(normalized, TextMatching.Normalize(option.Label.Fr), limit),
                TextMatching.Distance(normalized, TextMatching.Normalize(option.Label.En), limit));
            if (distance < bestDistance)
            {
                (best, bestDistance, tie) = (option, distance, false);
            }
            else if (distance == bestDistance)
            {
                tie = true;
            }
        }

        return bestDistance <= limit && !tie ? best : KeywordOption(options, normalized);
    }

    /// <summary>
    /// The one option whose label (either language) holds every meaningful word of <paramref name="normalized"/> —
    /// "marcher" for "Marcher ou courir", "le vélo" for "Faire du vélo", "dogs" for "Walking my dog" — or null when
    /// no option or several do. A word matches a label's word exactly, as its plural in -s or -x, or, from four
    /// letters on, when one is the other plus at most two letters.
    /// </summary>
    private static QuestionOption? KeywordOption(IReadOnlyList<QuestionOption> options, string normalized) =>
        KeywordMatches(options, normalized) is [var only] ? only : null; // several: ask again rather than guess

    /// <summary>The options whose label holds every meaningful word of <paramref name="normalized"/> (none if it has none).</summary>
    private static List<QuestionOption> KeywordMatches(IReadOnlyList<QuestionOption> options, string normalized)
    {
        var words = Words(normalized).Where(w => !FillerWords.Contains(w)).ToList();
        if (words.Count == 0 || words.All(w => w.Length < 3))
        {
            return [];
        }

        return options.Where(option =>
        {
            var labelWords = Words(TextMatching.Normalize(option.Label.Fr)).Concat(Words(TextMatching.Normalize(option.Label.En))).ToList();
            return words.All(w => labelWords.Any(l => SameWord(w, l)));
        }).ToList();
    }

    /// <summary>
    /// Why <paramref name="text"/> picks no option: it fits several (they are listed with their numbers), or none.
    /// </summary>
    private static string ChoiceError(IReadOnlyList<QuestionOption> options, string text, string language)
    {
        var fitting = KeywordMatches(options, TextMatching.Normalize(text));
        if (fitting.Count < 2)
        {
            return Format(language, DialogTexts.ErrorChoice, text, options.Count);
        }

        var listed = string.Join("; ", fitting.Select(o => $"{IndexOf(options, o) + 1}. {(language == "fr" ? o.Label.Fr : o.Label.En)}"));
        return Format(language, DialogTexts.ErrorAmbiguousChoice, text, listed);
    }

    private static int IndexOf(IReadOnlyList<QuestionOption> options, QuestionOption option)
    {
        for (var i = 0; i < options.Count; i++)
        {
            if (ReferenceEquals(options[i], option))
            {
                return i;
            }
        }

        return -1;
    }

    private static IEnumerable<string> Words(string normalized) =>
        normalized.Split(WordSeparators, StringSplitOptions.RemoveEmptyEntries);

    private static bool SameWord(string typed, string label) =>
        typed == label
        || Plural(typed, label) || Plural(label, typed)
        || (Math.Min(typed.Length, label.Length) >= 4 && Math.Abs(typed.Length - label.Length) <= 2
            && (typed.StartsWith(label, StringComparison.Ordinal) || label.StartsWith(typed, StringComparison.Ordinal)));

    private static bool Plural(string word, string singular) =>
        singular.Length >= 3 && word.Length == singular.Length + 1 && word[^1] is 's' or 'x' && word.StartsWith(singular, StringComparison.Ordinal);

    private static ParsedAnswer ParseChoice(ChoiceQuestion question, string text, string language) =>
        FindOption(question.Options, text) is { } option
            ? ParsedAnswer.Ok(new ChoiceAnswer(option.Id))
            : ParsedAnswer.Fail(ChoiceError(question.Options, text, language));

    private static ParsedAnswer ParseMulti(MultiChoiceQuestion question, string text, string language)
    {
        var max = question.MaxSelections ?? question.Options.Count;
        var picked = ParseList(question.Options, text, language, out var error);
        if (picked is null)
        {
            return ParsedAnswer.Fail(error!);
        }

        if (picked.Count < question.MinSelections || picked.Count > max)
        {
            return Fail(language, DialogTexts.ErrorSelectionCount, question.MinSelections, max);
        }

        return ParsedAnswer.Ok(new MultiChoiceAnswer(picked));
    }

    private static ParsedAnswer ParseRanking(RankingQuestion question, string text, string language)
    {
        var count = question.RankCount ?? question.Options.Count;
        var picked = ParseList(question.Options, text, language, out var error);
        if (picked is null)
        {
            return ParsedAnswer.Fail(error!);
        }

        return picked.Count == count ? ParsedAnswer.Ok(new RankingAnswer(picked)) : Fail(language, DialogTexts.ErrorRankCount, count);
    }

    /// <summary>
    /// Reads a list of options ("1, 3", "walk and dog", "Parks, trails; 4"). Labels may themselves contain commas or
    /// "and"/"et": the text is cut at every separator, then the pieces are grouped back so that each group names one
    /// option — exact matches (number, id, label) before close spellings, then as few groups as possible (the longest
    /// labels).
    /// </summary>
    private static List<string>? ParseList(IReadOnlyList<QuestionOption> options, string text, string language, out string? error)
    {
        var split = ListSeparator().Split(text.Trim());
        var pieces = new List<string>();
        var separators = new List<string>();
        for (var i = 0; i < split.Length; i++)
        {
            (i % 2 == 0 ? pieces : separators).Add(split[i]);
        }

        if (pieces.Count == 1 && NumbersBySpace().IsMatch(pieces[0].Trim()))
        {
            pieces = [.. pieces[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)];
            separators = [.. Enumerable.Repeat(" ", pieces.Count - 1)];
        }

        var segmentation = Segment(options, pieces, separators);
        if (segmentation is null)
        {
            var unknown = pieces.Select(p => p.Trim()).FirstOrDefault(p => p.Length > 0 && FindOption(options, p) is null) ?? text.Trim();
            error = ChoiceError(options, unknown, language);
            return null;
        }

        var picked = new List<string>();
        foreach (var option in segmentation)
        {
            if (picked.Contains(option.Id, StringComparer.Ordinal))
            {
                error = Format(language, DialogTexts.ErrorDuplicate);
                return null;
            }

            picked.Add(option.Id);
        }

        error = null;
        return picked;
    }

    /// <summary>The best grouping of <paramref name="pieces"/> into options, or null when some text names none.</summary>
    private static List<QuestionOption>? Segment(IReadOnlyList<QuestionOption> options, List<string> pieces, List<string> separators)
    {
        const int MaxPiecesPerOption = 12;
        var n = pieces.Count;

        // best[i]: the best reading of the first i pieces — (close spellings used, options named, where it started, option).
        var best = new (int Fuzzy, int Count, int From, QuestionOption? Option)?[n + 1];
        best[0] = (0, 0, 0, null);
        for (var i = 1; i <= n; i++)
        {
            for (var j = Math.Max(0, i - MaxPiecesPerOption); j < i; j++)
            {
                if (best[j] is not { } previous)
                {
                    continue;
                }

                var segment = new System.Text.StringBuilder(pieces[j]);
                for (var k = j + 1; k < i; k++)
                {
                    segment.Append(separators[k - 1]).Append(pieces[k]);
                }

                var candidateText = segment.ToString();
                (int Fuzzy, int Count, int From, QuestionOption? Option) candidate;
                if (string.IsNullOrWhiteSpace(candidateText))
                {
                    candidate = (previous.Fuzzy, previous.Count, j, null);
                }
                else if (ExactOption(options, candidateText) is { } exact)
                {
                    candidate = (previous.Fuzzy, previous.Count + 1, j, exact);
                }
                else if (FindOption(options, candidateText) is { } close)
                {
                    candidate = (previous.Fuzzy + 1, previous.Count + 1, j, close);
                }
                else
                {
                    continue;
                }

                if (best[i] is not { } current || (candidate.Fuzzy, candidate.Count).CompareTo((current.Fuzzy, current.Count)) < 0)
                {
                    best[i] = candidate;
                }
            }
        }

        if (best[n] is null)
        {
            return null;
        }

        var result = new List<QuestionOption>();
        for (var i = n; i > 0;)
        {
            var step = best[i]!.Value;
            if (step.Option is not null)
            {
                result.Add(step.Option);
            }

            i = step.From;
        }

        result.Reverse();
        return result;
    }

    /// <summary>The option <paramref name="text"/> names exactly: its number, id or label (accents and case aside).</summary>
    private static QuestionOption? ExactOption(IReadOnlyList<QuestionOption> options, string text)
    {
        var normalized = TextMatching.Normalize(text);
        if (int.TryParse(normalized, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number >= 1 && number <= options.Count ? options[number - 1] : null;
        }

        return options.FirstOrDefault(o => TextMatching.Normalize(o.Id) == normalized
            || TextMatching.Normalize(o.Label.Fr) == normalized
            || TextMatching.Normalize(o.Label.En) == normalized);
    }

    private static ParsedAnswer ParseRating(RatingQuestion question, string text, string language)
    {
        var normalized = TextMatching.Normalize(text);
        if (int.TryParse(normalized, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= question.ScaleMin && value <= question.ScaleMax)
        {
            return ParsedAnswer.Ok(new RatingAnswer(value));
        }

        foreach (var (point, label) in question.Labels)
        {
            if (TextMatching.Normalize(label.Fr) == normalized || TextMatching.Normalize(label.En) == normalized)
            {
                return ParsedAnswer.Ok(new RatingAnswer(point));
            }
        }

        return Fail(language, DialogTexts.ErrorRating, question.ScaleMin, question.ScaleMax);
    }

    private static ParsedAnswer ParseNumber(NumberQuestion question, string text, string language)
    {
        var cleaned = text.Replace("$", string.Empty, StringComparison.Ordinal).Replace("\u00a0", string.Empty, StringComparison.Ordinal)
            .Replace("\u202f", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal).Trim();
        if (cleaned.Contains(',', StringComparison.Ordinal) && !cleaned.Contains('.', StringComparison.Ordinal))
        {
            cleaned = cleaned.Replace(',', '.');
        }

        if (!decimal.TryParse(cleaned, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            // Words around one number ("about 15 minutes", « environ 20 $ par année »): that number. Two numbers
            // ("10 or 15") are not guessed.
            var numbers = NumberInText().Matches(text);
            if (numbers.Count == 1 && numbers[0].Value.Trim() != text.Trim())
            {
                return ParseNumber(question, numbers[0].Value, language);
            }

            var example = question.Decimals > 0 ? (language == "fr" ? "12,50" : "12.50") : "12";
            return Fail(language, DialogTexts.ErrorNumber, text, example);
        }

        var decimals = cleaned.Contains('.', StringComparison.Ordinal) ? cleaned.Length - cleaned.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
        if (decimals > question.Decimals)
        {
            return question.Decimals == 0 ? Fail(language, DialogTexts.ErrorWholeNumber) : Fail(language, DialogTexts.ErrorDecimals, question.Decimals);
        }

        if ((question.Min is { } min && value < min) || (question.Max is { } max && value > max))
        {
            var culture = language == "fr" ? FrenchCulture : EnglishCulture;
            return Fail(language, DialogTexts.ErrorNumberRange, (question.Min ?? decimal.MinValue).ToString("G", culture), (question.Max ?? decimal.MaxValue).ToString("G", culture));
        }

        return ParsedAnswer.Ok(new NumberAnswer(value));
    }

    private static ParsedAnswer ParseDate(DateQuestion question, string text, string language)
    {
        var trimmed = text.Trim().TrimEnd('.');
        DateOnly date = default;
        var parsed = false;
        var cultures = (CultureInfo[])[language == "fr" ? FrenchCulture : EnglishCulture, language == "fr" ? EnglishCulture : FrenchCulture];
        foreach (var culture in cultures)
        {
            if (DateOnly.TryParseExact(trimmed, DateFormats, culture, DateTimeStyles.AllowWhiteSpaces, out date))
            {
                parsed = true;
                break;
            }
        }

        // Without a year ("June 17", « le 17 juin », "the 17th of June"): the year is known when the question's dates
        // all fall in one year.
        if (!parsed && question.Earliest is { } from && question.Latest is { } to && from.Year == to.Year)
        {
            var dayAndMonth = DayAndMonthNoise().Replace(trimmed, " ").Trim();
            foreach (var culture in cultures)
            {
                if (DateOnly.TryParseExact($"{dayAndMonth} {from.Year}", DayMonthFormats, culture, DateTimeStyles.AllowWhiteSpaces, out date))
                {
                    parsed = true;
                    break;
                }
            }
        }

        if (!parsed)
        {
            return Fail(language, DialogTexts.ErrorDate, text);
        }

        if ((question.Earliest is { } earliest && date < earliest) || (question.Latest is { } latest && date > latest))
        {
            return Fail(language, DialogTexts.ErrorDateRange, Dates.Format(question.Earliest ?? DateOnly.MinValue, language), Dates.Format(question.Latest ?? DateOnly.MaxValue, language));
        }

        return ParsedAnswer.Ok(new DateAnswer(date));
    }

    private static ParsedAnswer Fail(string language, string key, params object[] args) => ParsedAnswer.Fail(Format(language, key, args));

    private static string Format(string language, string key, params object[] args) => DialogTexts.Format(key, language, args);

    [GeneratedRegex(@"(\s*(?:,|;|\bet\b|\band\b)\s*)", RegexOptions.IgnoreCase)]
    private static partial Regex ListSeparator();

    [GeneratedRegex(@"^\d+(?:\s+\d+)+$")]
    private static partial Regex NumbersBySpace();

    // A number as people write it: optional sign, digits with optional thousands groups (space, no-break space), and
    // optional decimals after a point or a comma.
    [GeneratedRegex(@"-?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|-?\d+(?:[.,]\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex NumberInText();

    // What surrounds a day and a month in speech: "the", "of", « le », ordinal endings (17th, 1er), commas.
    [GeneratedRegex(@"\b(?:the|of|le)\b|(?<=\d)(?:st|nd|rd|th|er)\b|,", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DayAndMonthNoise();
}

/// <summary>Dates as citizens read them (1er juin 2028, 17 juin 2028 / June 17, 2028), in the city's time zone.</summary>
public static class Dates
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-CA");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-CA");

    /// <summary>The city's time zone (America/Toronto; UTC where the system has no time zone data).</summary>
    public static TimeZoneInfo CityTimeZone { get; } = FindCityTimeZone();

    /// <summary>A calendar date in the language's long form; in French the first of the month is « 1er ».</summary>
    public static string Format(DateOnly date, string language) =>
        language != "fr" ? date.ToString("MMMM d, yyyy", English)
        : date.Day == 1 ? date.ToString("1'er' MMMM yyyy", French)
        : date.ToString("d MMMM yyyy", French);

    /// <summary>The city's calendar date of an instant.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, CityTimeZone).DateTime);

    private static TimeZoneInfo FindCityTimeZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("America/Toronto");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
