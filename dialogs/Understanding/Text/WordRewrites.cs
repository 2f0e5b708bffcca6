using System.Collections.Frozen;

namespace EngagementBot.Dialogs.Understanding.Text;

/// <summary>
/// Spelling variants of casual French (Quebec and France) and English mapped to one written form, so the
/// model sees "il y a" for "y'a", "ya" and "y a", "want to" for "wanna", "je suis" for "chu". Keys are
/// folded (lower case, no accents). An empty value drops the word (laughter, fillers).
/// </summary>
internal static class WordRewrites
{
    /// <summary>Whole-word rewrites, applied to a word as typed (apostrophes included).</summary>
    public static FrozenDictionary<string, string> Words { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Quebec / casual French
        ["y'a"] = "il y a", ["ya"] = "il y a", ["ya-tu"] = "il y a tu", ["y'en"] = "il y en", ["yen"] = "il y en",
        ["y'avait"] = "il y avait", ["y'aura"] = "il y aura", ["y'aurait"] = "il y aurait", ["y'est"] = "il est",
        ["t'es"] = "tu es", ["t'as"] = "tu as", ["t'etais"] = "tu etais", ["tse"] = "tu sais",
        ["t'sais"] = "tu sais", ["chu"] = "je suis", ["chus"] = "je suis", ["chui"] = "je suis", ["chuis"] = "je suis",
        ["jsuis"] = "je suis", ["j'suis"] = "je suis", ["jveux"] = "je veux", ["j'veux"] = "je veux", ["jveu"] = "je veux",
        ["jpeux"] = "je peux", ["j'peux"] = "je peux", ["jsais"] = "je sais", ["j'sais"] = "je sais", ["jai"] = "je ai",
        ["jaimerais"] = "je aimerais", ["jvoudrais"] = "je voudrais", ["jcomprend"] = "je comprends",
        ["jcomprends"] = "je comprends", ["jpense"] = "je pense", ["cest"] = "ce est", ["c"] = "ce est", ["ct"] = "ce etait",
        ["pis"] = "puis", ["ben"] = "bien", ["icitte"] = "ici", ["asteure"] = "maintenant",
        ["astheure"] = "maintenant", ["pantoute"] = "pas du tout", ["moe"] = "moi", ["lets"] = "let us", ["let's"] = "let us",
        ["kosse"] = "qu est ce", ["kesse"] = "qu est ce", ["quesse"] = "qu est ce",
        ["fak"] = "donc", ["faque"] = "donc", ["pcq"] = "parce que", ["pck"] = "parce que", ["pk"] = "pourquoi",
        ["pq"] = "pourquoi", ["pkoi"] = "pourquoi", ["pourkoi"] = "pourquoi", ["koi"] = "quoi", ["kan"] = "quand",
        ["qd"] = "quand", ["ki"] = "qui", ["ke"] = "que", ["kel"] = "quel", ["kelle"] = "quelle", ["cmt"] = "comment",
        ["bcp"] = "beaucoup", ["tjrs"] = "toujours", ["tjs"] = "toujours", ["mtn"] = "maintenant", ["mnt"] = "maintenant",
        ["qqch"] = "quelque chose", ["qqc"] = "quelque chose", ["qqn"] = "quelqu un", ["stp"] = "svp", ["svpl"] = "svp",
        ["slt"] = "salut", ["bjr"] = "bonjour", ["bsr"] = "bonsoir", ["mdr"] = "", ["lol"] = "", ["haha"] = "",
        ["hahaha"] = "", ["ptdr"] = "", ["xd"] = "", ["ouin"] = "oui", ["ouain"] = "oui", ["ouais"] = "oui",
        ["oki"] = "ok", ["okay"] = "ok", ["k"] = "ok", ["cell"] = "cellulaire", ["cel"] = "cellulaire",
        ["infos"] = "info", ["informations"] = "information", ["msg"] = "message", ["msgs"] = "messages",
        ["txt"] = "texto", ["sms"] = "texto", ["courriels"] = "courriel", ["mail"] = "email", ["e-mail"] = "email",
        ["mails"] = "email", ["emails"] = "email", ["t"] = "", ["ti"] = "tu", ["tu-tu"] = "tu",

        // Casual English
        ["wanna"] = "want to", ["gonna"] = "going to", ["gotta"] = "got to", ["gimme"] = "give me", ["lemme"] = "let me",
        ["dunno"] = "do not know", ["kinda"] = "kind of", ["sorta"] = "sort of", ["u"] = "you", ["ur"] = "your",
        ["r"] = "are", ["im"] = "i am", ["whats"] = "what is", ["wats"] = "what is", ["wheres"] = "where is",
        ["whens"] = "when is", ["hows"] = "how is", ["whos"] = "who is", ["thats"] = "that is", ["theres"] = "there is",
        ["dont"] = "do not", ["doesnt"] = "does not", ["didnt"] = "did not", ["cant"] = "can not", ["cannot"] = "can not",
        ["wont"] = "will not", ["isnt"] = "is not", ["arent"] = "are not", ["wasnt"] = "was not", ["havent"] = "have not",
        ["ive"] = "i have", ["id"] = "i would", ["youre"] = "you are", ["pls"] = "please", ["plz"] = "please",
        ["plse"] = "please", ["thx"] = "thanks", ["ty"] = "thanks", ["tnx"] = "thanks", ["abt"] = "about",
        ["bc"] = "because", ["cuz"] = "because", ["coz"] = "because", ["cos"] = "because", ["rn"] = "right now",
        ["tmrw"] = "tomorrow", ["tmr"] = "tomorrow", ["wat"] = "what", ["wut"] = "what", ["wht"] = "what",
        ["yr"] = "your", ["ppl"] = "people", ["b4"] = "before", ["2day"] = "today", ["hmm"] = "", ["hm"] = "",
        ["omg"] = "", ["lmao"] = "", ["yeah"] = "yes", ["yep"] = "yes", ["yup"] = "yes", ["nope"] = "no",
        ["text"] = "texto", ["texts"] = "texto", ["texting"] = "texto",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>French elided words ("l'", "qu'") and what they stand for.</summary>
    public static FrozenDictionary<string, string> Elisions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["l"] = "le", ["d"] = "de", ["j"] = "je", ["m"] = "me", ["t"] = "te", ["s"] = "se", ["n"] = "ne", ["c"] = "ce",
        ["qu"] = "que", ["jusqu"] = "jusque", ["lorsqu"] = "lorsque", ["puisqu"] = "puisque", ["quoiqu"] = "quoique",
        ["y"] = "il",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>English words whose <c>'s</c> stands for "is" (elsewhere it is a possessive and is dropped).</summary>
    public static FrozenSet<string> IsContractionHosts { get; } = new[]
    {
        "what", "where", "when", "who", "how", "why", "it", "that", "there", "here", "he", "she", "this", "everything",
        "nothing", "something", "anything", "nobody", "somebody", "someone", "anyone",
    }.ToFrozenSet(StringComparer.Ordinal);
}
