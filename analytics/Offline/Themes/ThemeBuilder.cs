using EngagementBot.Analytics.Model;
using EngagementBot.Analytics.Offline.Text;

namespace EngagementBot.Analytics.Offline.Themes;

/// <summary>
/// Builds corpus themes: each document joins its one or two strongest seeded civic themes; documents
/// with none are clustered greedily on their most shared content word (label: the most frequent key
/// phrase with that word). Quotes are the best-matching sentences, at most one per document.
/// </summary>
internal static class ThemeBuilder
{
    /// <summary>Words too generic to name a discovered theme (after plural folding).</summary>
    public static readonly string[] GenericWords =
    [
        "parc", "park", "ville", "city", "projet", "project", "plan", "idee", "idea", "chose", "thing", "gen", "people", "monde",
        "annee", "year", "fois", "time", "place", "endroit", "bonne", "good", "great", "merci", "thank", "super", "bravo", "love",
        "enfant", "kid", "famille", "family", "citoyen", "resident", "quartier", "neighbourhood", "neighborhood",
        "an", "ans", "mois", "month", "semaine", "week", "jour", "day", "heure", "hour", "minute",
    ];

    public static IReadOnlyList<Theme> Build(IReadOnlyList<DocumentFacts> docs, Vocabulary vocabulary, ThemeOptions options)
    {
        var catalog = ThemeCatalog.Default;
        var french = options.DisplayLanguage != LanguageResult.English;
        var maxQuotes = Math.Clamp(options.MaxQuotes, 1, 3);
        var themes = new List<(string Key, string Label, List<DocumentFacts> Members, List<(DocumentFacts Doc, int Sentence, double Score)> Quotes)>();
        for (var t = 0; t < catalog.Themes.Count; t++)
        {
            var seeded = catalog.Themes[t];
            themes.Add((seeded.Key, french ? seeded.LabelFr : seeded.LabelEn, [], []));
        }

        var unassigned = new List<DocumentFacts>();
        foreach (var doc in docs)
        {
            AssignSeeded(doc, catalog);
            if (doc.ThemeKeys.Count == 0)
            {
                unassigned.Add(doc);
                continue;
            }

            Join(doc, doc.Primary);
            Join(doc, doc.Secondary);
        }

        void Join(DocumentFacts doc, ThemeMatch match)
        {
            if (match.Theme >= 0 && doc.ThemeKeys.Contains(catalog.Themes[match.Theme].Key))
            {
                themes[match.Theme].Members.Add(doc);
                if (match.Sentence >= 0 && doc.Sentences.Length > match.Sentence)
                {
                    OfferQuote(themes[match.Theme].Quotes, doc, match.Sentence, match.Hits, maxQuotes);
                }
            }
        }

        Discover(unassigned, vocabulary, options, themes, maxQuotes, french);
        return themes
            .Where(t => t.Members.Count > 0)
            .OrderByDescending(t => t.Members.Count)
            .ThenBy(t => t.Key, StringComparer.Ordinal)
            .Take(Math.Max(1, options.MaxThemes))
            .Select(t => new Theme(
                t.Key,
                t.Label,
                t.Members.Count,
                t.Members.Select(d => d.Document.Id).ToList(),
                t.Quotes.OrderByDescending(q => q.Score).Select(q => new ThemeQuote(q.Doc.Document.Id, QuoteText(q.Doc, q.Sentence, options.RedactQuotes))).ToList()))
            .ToList();
    }

    /// <summary>Seeded themes of one document: the strongest, plus the second when at least half as strong.</summary>
    public static void AssignSeeded(DocumentFacts doc, ThemeCatalog catalog)
    {
        doc.ThemeKeys.Clear();
        if (doc.Primary.Theme >= 0)
        {
            doc.ThemeKeys.Add(catalog.Themes[doc.Primary.Theme].Key);
            if (doc.Secondary.Theme >= 0 && doc.Secondary.Hits >= 0.5f * doc.Primary.Hits)
            {
                doc.ThemeKeys.Add(catalog.Themes[doc.Secondary.Theme].Key);
            }
        }
    }

    private static void Discover(List<DocumentFacts> unassigned, Vocabulary vocabulary, ThemeOptions options, List<(string Key, string Label, List<DocumentFacts> Members, List<(DocumentFacts Doc, int Sentence, double Score)> Quotes)> themes, int maxQuotes, bool french)
    {
        var minSize = Math.Max(2, options.MinDiscoveredThemeSize);
        var generic = new HashSet<int>();
        foreach (var word in GenericWords)
        {
            if (vocabulary.TryGetId(word, out var id))
            {
                generic.Add(id);
            }
        }

        var remaining = unassigned;
        for (var round = 0; round < options.MaxThemes && remaining.Count >= minSize; round++)
        {
            var df = new Dictionary<int, int>();
            foreach (var doc in remaining)
            {
                foreach (var id in doc.ContentIds)
                {
                    df[id] = df.GetValueOrDefault(id) + 1;
                }
            }

            var best = -1;
            var bestCount = minSize - 1;
            foreach (var (id, count) in df)
            {
                if (generic.Contains(id))
                {
                    continue;
                }

                if (count > bestCount || (count == bestCount && best >= 0 && id < best))
                {
                    best = id;
                    bestCount = count;
                }
            }

            if (best < 0)
            {
                return;
            }

            var word = vocabulary.WordOf(best);
            var members = new List<DocumentFacts>();
            var rest = new List<DocumentFacts>();
            foreach (var doc in remaining)
            {
                (Array.IndexOf(doc.ContentIds, best) >= 0 ? members : rest).Add(doc);
            }

            var quotes = new List<(DocumentFacts Doc, int Sentence, double Score)>();
            foreach (var doc in members)
            {
                doc.ThemeKeys.Add("kw:" + word);
                for (var s = 0; s < doc.Sentences.Length; s++)
                {
                    if (doc.IdsOf(s).IndexOf(best) >= 0)
                    {
                        OfferQuote(quotes, doc, s, 1, maxQuotes);
                        break;
                    }
                }
            }

            var label = BestPhrase(members, word) is { } phrase ? phrase : word;
            themes.Add(("kw:" + word, (french ? "Sujet : " : "Topic: ") + label, members, quotes));
            remaining = rest;
        }
    }

    private static string? BestPhrase(List<DocumentFacts> members, string word)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var doc in members)
        {
            foreach (var phrase in doc.KeyPhrases)
            {
                if (TextFolding.Fold(phrase).Contains(word, StringComparison.Ordinal))
                {
                    counts[phrase] = counts.GetValueOrDefault(phrase) + 1;
                }
            }
        }

        return counts.Count == 0 ? null : counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key.Length).ThenBy(c => c.Key, StringComparer.Ordinal).First().Key;
    }

    private static void OfferQuote(List<(DocumentFacts Doc, int Sentence, double Score)> quotes, DocumentFacts doc, int sentence, double hits, int max)
    {
        var words = doc.Sentences[sentence].Words;
        var lengthFit = words is >= 6 and <= 35 ? 1.0 : 0.5;
        var opinion = doc.Sentiment is { } s ? 0.5 + Math.Max(s.Scores.Positive, s.Scores.Negative) : 1.0;
        var score = hits / Math.Sqrt(Math.Max(words, 1)) * lengthFit * opinion;
        if (quotes.Count < max)
        {
            quotes.Add((doc, sentence, score));
            return;
        }

        var worst = 0;
        for (var i = 1; i < quotes.Count; i++)
        {
            if (quotes[i].Score < quotes[worst].Score)
            {
                worst = i;
            }
        }

        if (score > quotes[worst].Score)
        {
            quotes[worst] = (doc, sentence, score);
        }
    }

    /// <summary>The sentence text, with personal data replaced by placeholders when asked.</summary>
    public static string QuoteText(DocumentFacts doc, int sentence, bool redact)
    {
        var s = doc.Sentences[sentence];
        var text = doc.Document.Text;
        if (!redact || doc.Pii is null || doc.Pii.Entities.Count == 0)
        {
            return text.Substring(s.Start, s.Length);
        }

        var inside = doc.Pii.Entities
            .Where(e => e.Offset < s.Start + s.Length && e.Offset + e.Length > s.Start)
            .Select(e =>
            {
                var start = Math.Max(e.Offset, s.Start);
                var end = Math.Min(e.Offset + e.Length, s.Start + s.Length);
                return e with { Offset = start - s.Start, Length = end - start };
            })
            .ToList();
        return Pii.PiiDetector.Redact(text.Substring(s.Start, s.Length), inside);
    }
}
