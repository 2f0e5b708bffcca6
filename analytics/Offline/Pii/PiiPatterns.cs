using System.Text.RegularExpressions;

namespace EngagementBot.Analytics.Offline.Pii;

/// <summary>
/// Source-generated patterns for personal data. Every quantifier is bounded or followed by a
/// disjoint character class, so matching stays linear in the text length (no backtracking traps).
/// </summary>
internal static partial class PiiPatterns
{
    private const string NameWord = @"\p{Lu}[\p{Ll}\p{Lu}'’]{0,20}\p{Ll}(?:-\p{Lu}\p{Ll}{1,20})?";

    [GeneratedRegex(@"(?<![\w.%+-])[\w%+-][\w.%+-]{0,63}@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}\b", RegexOptions.CultureInvariant)]
    public static partial Regex Email();

    /// <summary>North American numbers: 514-555-0199, (438) 555 0191, +1 819 555 0177, 514.555.0199.</summary>
    [GeneratedRegex(@"(?<![\d+])(?:\+?1[ .-]?)?(?:\(\d{3}\)|\d{3})[ .-]?\d{3}[ .-]?\d{4}(?!\d)", RegexOptions.CultureInvariant)]
    public static partial Regex NorthAmericanPhone();

    /// <summary>French numbers: 06 12 34 56 78, 06.12.34.56.78, +33 6 12 34 56 78, +33 (0)6 12 34 56 78, 0033 6….</summary>
    [GeneratedRegex(@"(?<![\d+])(?:(?:\+|00)33[ .]?(?:\(0\)[ .]?)?[1-9]|0[1-9])(?:[ .-]?\d{2}){4}(?!\d)", RegexOptions.CultureInvariant)]
    public static partial Regex FrenchPhone();

    /// <summary>Canadian postal codes (letters allowed by Canada Post), any case, optional space or dash.</summary>
    [GeneratedRegex(@"\b[ABCEGHJ-NPRSTVXYabceghj-nprstvxy]\d[ABCEGHJ-NPRSTV-Zabceghj-nprstv-z][ -]?\d[ABCEGHJ-NPRSTV-Zabceghj-nprstv-z]\d\b", RegexOptions.CultureInvariant)]
    public static partial Regex CanadianPostalCode();

    /// <summary>French postal code followed by its town ("75011 Paris", "69002 Lyon", "42000 Saint-Étienne").</summary>
    [GeneratedRegex(@"(?<![\d,.])(?:0[1-9]|[1-8]\d|9[0-5]|97)\d{3}[ \u00A0]\p{Lu}\p{L}{1,30}(?:-\p{L}{1,30}){0,4}(?:[ \u00A0]Cedex)?\b", RegexOptions.CultureInvariant)]
    public static partial Regex FrenchPostalCode();

    /// <summary>Nine digits, optionally grouped 3-3-3 by spaces or dashes (a SIN candidate; the checksum decides).</summary>
    [GeneratedRegex(@"(?<![\d.,+-])\d{3}([ -]?)\d{3}\1\d{3}(?![\d-])", RegexOptions.CultureInvariant)]
    public static partial Regex SinCandidate();

    /// <summary>Words that announce a social insurance number (SIN, NAS, numéro d'assurance sociale).</summary>
    [GeneratedRegex(@"\b(?:SIN|NAS|S\.I\.N\.|N\.A\.S\.|social\s+insurance|assurance\s+sociale)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    public static partial Regex SinCue();

    /// <summary>French street address: civic number, street type, optional particle, capitalised name, optional direction.</summary>
    [GeneratedRegex(@"(?<!\d)\d{1,5}(?:[ -]?[A-Da-d]\b)?,?[ \u00A0](?:rue|avenue|av\.|boulevard|boul\.|bd|chemin|ch\.|route|rang|place|impasse|all[ée]e|mont[ée]e|c[ôo]te|croissant|promenade|quai|cours|square|terrasse|voie|passage|rue\s+principale)[ \u00A0](?:(?:de\s+la|de\s+l['’]|du|des|de|d['’]|l['’]|la|le|les)\s?)?" + NameWord + @"(?:[ -](?:" + NameWord + @"|\d{1,3}e))?(?:[ -](?:" + NameWord + @"))?(?:\s(?:Est|Ouest|Nord|Sud))?\b", RegexOptions.CultureInvariant)]
    public static partial Regex FrenchAddress();

    /// <summary>English street address: civic number, one to three capitalised or ordinal words, street type, optional direction.</summary>
    [GeneratedRegex(@"(?<!\d)\d{1,5}(?:[A-Da-d]\b)?,?[ \u00A0](?:(?:\p{Lu}[\p{L}'’.-]{0,24}|\d{1,3}(?:st|nd|rd|th))[ \u00A0]){1,3}(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Drive|Dr\.?|Court|Ct\.?|Crescent|Cres\.?|Boulevard|Blvd\.?|Lane|Ln\.?|Way|Place|Pl\.?|Terrace|Circle|Parkway|Pkwy|Highway|Hwy|Trail|Row|Square|Close|Gardens|Grove|Heights|Hill)\b(?:[ \u00A0](?:North|South|East|West|N|S|E|W)\b)?", RegexOptions.CultureInvariant)]
    public static partial Regex EnglishAddress();

    /// <summary>Self-introduction cue then a name: "je m'appelle X Y", "my name is X", "c'est encore moi, X Y", "I'm X Y".</summary>
    [GeneratedRegex(@"(?i:\b(?<cue>je\s+m['’]appelle|je\s+me\s+nomme|mon\s+nom\s+(?:est|c['’]est)|moi\s*,?\s*c['’]est|c['’]est\s+(?:encore\s+)?moi|ici\s+c['’]est|my\s+name\s+is|my\s+name['’]s|i['’]m|i\s+am|this\s+is|it['’]s\s+me|signed|sign[ée]|cordialement|regards|sincerely|salutations))\s{0,3}[,:-]?\s{0,3}(?<name>" + NameWord + @"(?:\s" + NameWord + @"){0,2})", RegexOptions.CultureInvariant)]
    public static partial Regex IntroducedName();

    /// <summary>A name then a sign-in cue: "Émilie Roy ici", "Daniel Okafor here", "c'est Marie qui écrit".</summary>
    [GeneratedRegex(@"(?<name>" + NameWord + @"(?:\s" + NameWord + @"){0,2})\s{0,3},?\s{1,3}(?:ici\b|here\b|qui\s+(?:vous\s+)?[ée]cri[ts]\b|writing\b)", RegexOptions.CultureInvariant)]
    public static partial Regex SignedName();

    /// <summary>Two or three capitalised words (a name candidate checked against first names and context).</summary>
    [GeneratedRegex(NameWord + @"(?:\s" + NameWord + @"){1,2}", RegexOptions.CultureInvariant)]
    public static partial Regex CapitalisedWords();
}
