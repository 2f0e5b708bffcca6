using System.Collections.Frozen;
using EngagementBot.Dialogs.Understanding.Text;

namespace EngagementBot.Dialogs.Understanding.Faq;

/// <summary>
/// Turns FAQ text and questions into index terms: normalised (folding, contractions, casual spellings,
/// optional typo correction), stop words FR/EN removed, FR/EN synonyms of the park's topics mapped to one
/// term ("toilettes", "washroom", "restroom" → "toilet"), then stemmed.
/// </summary>
internal static class FaqTextAnalyzer
{
    private static readonly (string Term, string Words)[] SynonymLists =
    [
        ("toilet", "toilette toilettes toilet toilets washroom washrooms restroom restrooms bathroom bathrooms wc"),
        ("parking", "stationnement stationnements stationner parking parkings stationne car cars voiture voitures auto autos"),
        ("dog", "chien chiens chienne dog dogs canin canine canins canines"),
        ("tree", "arbre arbres tree trees"),
        ("cost", "cout couts coute couter coutera cost costs costing budget budgets depense depenses depenser spend "
            + "spending spent price prix argent money dollars financement funding"),
        ("tax", "taxe taxes tax foncier fonciere foncieres"),
        ("light", "eclairage eclaire eclairee eclaires lumiere lumieres lampadaire lampadaires light lights lighting lit"),
        ("bike", "velo velos bike bikes bicycle bicycles cyclable cyclables cycling cyclists cycliste cyclistes"),
        ("hours", "heure heures horaire horaires hours hour time"),
        ("wheelchair", "fauteuil fauteuils wheelchair wheelchairs"),
        ("closed", "ferme fermee fermes fermer fermeture closed close closing closes"),
        ("construction", "travaux chantier construction works worksite"),
        ("paid", "gratuit gratuite gratuits gratuites free payer payant payante payants pay paid paying fee fees frais cher"),
        ("fence", "cloture cloturee cloturees clotures cloturer fence fenced fences fencing"),
        ("playground", "module modules playground playgrounds balancoire balancoires"),
        ("plant", "planter plantation plantations plant planting planted plantez plantera"),
        ("cut", "couper coupe coupes abattre abattage abattus abattu cut cutting"),
        ("electric", "electrique electriques electric"),
        ("allowed", "permis permise permises permitted allowed autorise autorisee autorises autorisees"),
        ("night", "nuit nuits soir soirs night nights overnight"),
        ("leash", "laisse leash leashed"),
        ("small", "petit petits petite petites small"),
        ("splash", "splash jeux"),
        ("water", "eau water"),
    ];

    private static readonly FrozenDictionary<string, string> Synonyms = BuildSynonyms();

    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> SynonymLookup =
        Synonyms.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWordLookup =
        StopWords.Retrieval.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The index terms of <paramref name="text"/>, in order (duplicates kept).</summary>
    public static List<string> Terms(string text, IWordCorrector? corrector = null)
    {
        var tokens = new TokenBuffer();
        TextNormalizer.Normalize(text, tokens, corrector);
        var terms = new List<string>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var word = tokens[i];
            if (StopWordLookup.Contains(word))
            {
                continue;
            }

            terms.Add(SynonymLookup.TryGetValue(word, out var term) ? term : LightStemmer.Stem(word).ToString());
        }

        return terms;
    }

    /// <summary>The normalised words of <paramref name="text"/> (before stop words and stemming), for the typo corrector's vocabulary.</summary>
    public static IEnumerable<string> Words(string text)
    {
        var tokens = new TokenBuffer();
        TextNormalizer.Normalize(text, tokens);
        for (var i = 0; i < tokens.Count; i++)
        {
            yield return tokens[i].ToString();
        }
    }

    /// <summary>Every synonym word (so that typos of them get corrected too).</summary>
    public static IEnumerable<string> SynonymWords => Synonyms.Keys;

    private static FrozenDictionary<string, string> BuildSynonyms()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (term, words) in SynonymLists)
        {
            foreach (var word in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                map.TryAdd(word, term);
            }
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
