using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;
using EngagementBot.Analytics.Model;
using EngagementBot.Analytics.Offline.Lexicons;
using EngagementBot.Analytics.Offline.Text;

namespace EngagementBot.Analytics.Offline.Pii;

/// <summary>
/// Finds personal data: e-mails, NA/FR phone numbers, CA/FR postal codes, SINs (checksum), street
/// addresses (FR/EN) and names of people who introduce or sign themselves. Spans never overlap.
/// </summary>
internal static class PiiDetector
{
    private static readonly FrozenSet<string> FirstNames = ResourceFiles.ReadLines("first-names.txt").Select(n => TextFolding.Fold(n.Trim())).ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> NotNames = FrozenSet.ToFrozenSet(
        [
            "bonjour", "bonsoir", "salut", "allo", "hi", "hello", "hey", "dear", "cher", "chere", "merci", "thanks", "thank", "moi", "je", "i", "me", "ici", "here",
            "parc", "park", "ville", "city", "rue", "street", "riviere", "river", "riverside", "berges", "conseil", "council", "maire", "mayor", "mairie",
            "quebec", "montreal", "canada", "france", "paris", "lyon", "ottawa", "gatineau", "laval", "avenue", "boulevard", "chemin", "lane", "road", "drive",
            "the", "le", "la", "les", "un", "une", "a", "an", "this", "that", "ce", "cette", "et", "and", "but", "mais", "oui", "non", "yes", "no", "ok", "okay",
            "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre",
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
            "super", "bravo", "great", "good", "excellent", "fantastic", "love", "wow", "enfin", "finally", "pour", "for", "dog", "splash", "bike", "wheelchair",
        ],
        StringComparer.Ordinal);

    /// <summary>Adds the entities of <paramref name="text"/> to <paramref name="entities"/> (cleared), in text order.</summary>
    public static void Detect(string text, List<PiiEntity> entities)
    {
        entities.Clear();
        var span = text.AsSpan();
        if (span.Contains('@'))
        {
            Add(entities, text, PiiPatterns.Email(), PiiCategory.Email, 0.95);
        }

        var (digits, longestRun) = CountDigits(span);
        if (digits >= 9)
        {
            Add(entities, text, PiiPatterns.NorthAmericanPhone(), PiiCategory.PhoneNumber, 0.9);
            Add(entities, text, PiiPatterns.FrenchPhone(), PiiCategory.PhoneNumber, 0.9);
            foreach (var m in PiiPatterns.SinCandidate().EnumerateMatches(text))
            {
                // A valid checksum is enough; a number the writer calls their SIN/NAS is personal data even if mistyped.
                var valid = SinChecksum.IsValid(text.AsSpan(m.Index, m.Length));
                if (valid || HasSinCue(text, m.Index))
                {
                    TryAdd(entities, new PiiEntity(PiiCategory.SocialInsuranceNumber, text.Substring(m.Index, m.Length), m.Index, m.Length, valid ? 0.9 : 0.6));
                }
            }
        }

        if (digits >= 3)
        {
            Add(entities, text, PiiPatterns.CanadianPostalCode(), PiiCategory.PostalCode, 0.85);
        }

        if (longestRun >= 5)
        {
            Add(entities, text, PiiPatterns.FrenchPostalCode(), PiiCategory.PostalCode, 0.8);
        }

        if (digits > 0 && MayHoldAddress(span))
        {
            Add(entities, text, PiiPatterns.FrenchAddress(), PiiCategory.Address, 0.85);
            Add(entities, text, PiiPatterns.EnglishAddress(), PiiCategory.Address, 0.85);
        }

        FindNames(text, entities);
        entities.Sort(static (a, b) => a.Offset.CompareTo(b.Offset));
    }

    /// <summary>The text with each entity replaced by its placeholder ([EMAIL], [PHONE]…).</summary>
    public static string Redact(string text, IReadOnlyList<PiiEntity> entities)
    {
        if (entities.Count == 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        var position = 0;
        foreach (var e in entities)
        {
            sb.Append(text, position, e.Offset - position).Append(e.Placeholder);
            position = e.Offset + e.Length;
        }

        return sb.Append(text, position, text.Length - position).ToString();
    }

    private static (int Digits, int LongestRun) CountDigits(ReadOnlySpan<char> text)
    {
        int digits = 0, run = 0, longest = 0;
        var i = text.IndexOfAnyInRange('0', '9');
        if (i < 0)
        {
            return (0, 0);
        }

        for (; i < text.Length; i++)
        {
            if (char.IsAsciiDigit(text[i]))
            {
                digits++;
                run++;
                longest = Math.Max(longest, run);
            }
            else
            {
                run = 0;
            }
        }

        return (digits, longest);
    }

    /// <summary>A digit followed (after optional comma and one space) by a letter: the only place an address can start.</summary>
    private static bool MayHoldAddress(ReadOnlySpan<char> text)
    {
        for (var i = 0; i + 2 < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]) || char.IsAsciiDigit(text[i + 1]))
            {
                continue;
            }

            var k = i + 1;
            if (text[k] == ',')
            {
                k++;
            }

            if (k + 1 < text.Length && text[k] is ' ' or '\u00A0' && char.IsLetter(text[k + 1]))
            {
                return true;
            }
        }

        return false;
    }

    private static void FindNames(string text, List<PiiEntity> entities)
    {
        var signInCue = HasSignInCue(text);
        if (!signInCue && !MayIntroduceName(text) && !text.Contains("appel", StringComparison.OrdinalIgnoreCase)
            && !text.Contains("name", StringComparison.OrdinalIgnoreCase) && !text.Contains("nom ", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        foreach (Match m in PiiPatterns.IntroducedName().Matches(text))
        {
            var cue = m.Groups["cue"].Value.ToLowerInvariant();
            var weakCue = cue.StartsWith('i') || cue.StartsWith("this", StringComparison.Ordinal);
            AddName(text, entities, m.Groups["name"], requireFirstName: weakCue, minWords: weakCue ? 2 : 1);
        }

        if (signInCue)
        {
            foreach (Match m in PiiPatterns.SignedName().Matches(text))
            {
                AddName(text, entities, m.Groups["name"], requireFirstName: false, minWords: 1);
            }
        }

        if (entities.Count == 0)
        {
            return;
        }

        // Signature next to contact details: "Karine Dubé, 450-555-0187", "(438) 555 0123, Nathalie Gagnon".
        foreach (Match m in PiiPatterns.CapitalisedWords().Matches(text))
        {
            var after = m.Index + m.Length;
            var followedByComma = after < text.Length && text[after] == ',';
            var before = text.AsSpan(0, m.Index).TrimEnd();
            var precededBySeparator = before.EndsWith(',') || before.EndsWith(':');
            if ((followedByComma || precededBySeparator) && HasContactNear(entities, m.Index, after))
            {
                AddName(text, entities, m, requireFirstName: true, minWords: 2);
            }
        }
    }

    /// <summary>Names are only taken from text with two capitalised words in a row (cheap pre-check).</summary>
    private static bool MayIntroduceName(string text)
    {
        var span = text.AsSpan();
        for (var i = 0; i + 3 < span.Length; i++)
        {
            if (char.IsUpper(span[i]) && (i == 0 || !char.IsLetter(span[i - 1])))
            {
                var k = i + 1;
                while (k < span.Length && (char.IsLetter(span[k]) || span[k] is '-' or '\'' or '\u2019'))
                {
                    k++;
                }

                if (k + 1 < span.Length && span[k] == ' ' && char.IsUpper(span[k + 1]))
                {
                    return true;
                }

                i = k;
            }
        }

        return false;
    }

    private static bool HasSignInCue(string text) =>
        text.Contains(" ici", StringComparison.OrdinalIgnoreCase) || text.Contains(" here", StringComparison.OrdinalIgnoreCase)
        || text.Contains("qui vous", StringComparison.OrdinalIgnoreCase) || text.Contains("qui écri", StringComparison.OrdinalIgnoreCase)
        || text.Contains("qui ecri", StringComparison.OrdinalIgnoreCase) || text.Contains("writing", StringComparison.OrdinalIgnoreCase);

    private static bool HasSinCue(string text, int index)
    {
        var start = Math.Max(0, index - 40);
        return PiiPatterns.SinCue().IsMatch(text.AsSpan(start, index - start));
    }

    private static bool HasContactNear(List<PiiEntity> entities, int start, int end)
    {
        foreach (var e in entities)
        {
            if (e.Category != PiiCategory.PersonName && (Math.Abs(e.Offset - end) <= 40 || Math.Abs(start - (e.Offset + e.Length)) <= 40))
            {
                return true;
            }
        }

        return false;
    }

    private static void AddName(string text, List<PiiEntity> entities, Group group, bool requireFirstName, int minWords)
    {
        // Drop leading and trailing words that are not names ("Bonjour Marie Roy", "Julie Tremblay Merci").
        var words = group.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var first = 0;
        var last = words.Length - 1;
        while (first <= last && NotNames.Contains(TextFolding.Fold(words[first])))
        {
            first++;
        }

        while (last >= first && NotNames.Contains(TextFolding.Fold(words[last])))
        {
            last--;
        }

        var count = last - first + 1;
        if (count < minWords || count <= 0)
        {
            return;
        }

        var firstWord = TextFolding.Fold(words[first]);
        var knownFirstName = FirstNames.Contains(firstWord) || FirstNames.Contains(firstWord.Split('-')[0]);
        if ((requireFirstName || count == 1) && !knownFirstName)
        {
            return;
        }

        var offset = group.Index + group.Value.IndexOf(words[first], StringComparison.Ordinal);
        var endWord = group.Value.LastIndexOf(words[last], StringComparison.Ordinal) + words[last].Length;
        var length = group.Index + endWord - offset;
        TryAdd(entities, new PiiEntity(PiiCategory.PersonName, text.Substring(offset, length), offset, length, knownFirstName ? 0.85 : 0.7));
    }

    private static void Add(List<PiiEntity> entities, string text, Regex regex, PiiCategory category, double confidence)
    {
        foreach (var m in regex.EnumerateMatches(text))
        {
            TryAdd(entities, new PiiEntity(category, text.Substring(m.Index, m.Length), m.Index, m.Length, confidence));
        }
    }

    private static void TryAdd(List<PiiEntity> entities, PiiEntity candidate)
    {
        for (var i = 0; i < entities.Count; i++)
        {
            var e = entities[i];
            if (candidate.Offset < e.Offset + e.Length && e.Offset < candidate.Offset + candidate.Length)
            {
                if (candidate.Length > e.Length && candidate.Category == e.Category)
                {
                    entities[i] = candidate;
                }

                return;
            }
        }

        entities.Add(candidate);
    }
}
