using System.Text.RegularExpressions;
using EngagementBot.Dialogs.Runtime;

namespace EngagementBot.Dialogs.Consultations;

/// <summary>Global commands recognized at any point of a conversation (also in the middle of a question).</summary>
public enum GlobalCommand
{
    /// <summary>Not a command.</summary>
    None,

    /// <summary>What can I do / how to answer.</summary>
    Help,

    /// <summary>Pause what is under way.</summary>
    Cancel,

    /// <summary>Where the project stands.</summary>
    Status,

    /// <summary>No more messages.</summary>
    Stop,

    /// <summary>Continue in English.</summary>
    English,

    /// <summary>Continue in French.</summary>
    French,

    /// <summary>Export my data.</summary>
    Export,

    /// <summary>Delete my data.</summary>
    Delete,

    /// <summary>Withdraw my consent to a consultation.</summary>
    Withdraw,

    /// <summary>Subscribe (again) to project updates.</summary>
    Subscribe,
}

/// <summary>Exact (accent- and case-insensitive) phrases of the global commands, in French and English.</summary>
public static partial class Commands
{
    private static readonly Dictionary<string, GlobalCommand> Phrases = Build();

    /// <summary>The command <paramref name="text"/> is, or <see cref="GlobalCommand.None"/>.</summary>
    public static GlobalCommand Detect(string? text)
    {
        var normalized = TextMatching.Normalize(text);
        if (normalized.Length == 0)
        {
            // Normalising drops surrounding punctuation: a lone "?" asks for help; no text (a card submit) is no command.
            return text?.Trim() == "?" ? GlobalCommand.Help : GlobalCommand.None;
        }

        return Phrases.GetValueOrDefault(normalized, GlobalCommand.None);
    }

    /// <summary>
    /// The SMS keyword <paramref name="text"/> is on the <c>sms</c> channel (a single word, any case, accents or not):
    /// STOP, STOPALL, END, UNSUBSCRIBE, ARRET, ARRETER, DESABONNER → <see cref="GlobalCommand.Stop"/>;
    /// START, UNSTOP, ABONNER → <see cref="GlobalCommand.Subscribe"/>; anything else (and any other channel) → none.
    /// CANCEL, QUIT and YES are left out: they answer questions here.
    /// </summary>
    public static GlobalCommand SmsKeyword(string channelId, string? text)
    {
        if (!string.Equals(channelId, "sms", StringComparison.OrdinalIgnoreCase))
        {
            return GlobalCommand.None;
        }

        return TextMatching.Normalize(text) switch
        {
            "stop" or "stopall" or "end" or "unsubscribe" or "arret" or "arreter" or "desabonner" => GlobalCommand.Stop,
            "start" or "unstop" or "abonner" => GlobalCommand.Subscribe,
            _ => GlobalCommand.None,
        };
    }

    /// <summary>Whether the text asks to skip an optional question.</summary>
    public static bool IsSkip(string text) => TextMatching.Normalize(text) is "skip" or "passer" or "pass" or "je passe" or "sauter" or "next" or "suivant" or "suivante" or "skip it" or "passe";

    /// <summary>Whether the text asks to submit the answers.</summary>
    public static bool IsSubmit(string text) => TextMatching.Normalize(text) is "submit" or "send" or "envoyer" or "soumettre" or "transmettre" or "confirm" or "confirmer" or "valider" or "submit-answers";

    /// <summary>Whether the text asks to start or continue a consultation.</summary>
    public static bool IsStart(string text) => TextMatching.Normalize(text) is "start" or "commencer" or "begin" or "continue" or "continuer" or "reprendre" or "resume" or "participer" or "survey" or "questionnaire" or "sondage" or "consultation" or "go" or "take part";

    /// <summary>"change 3" / "modifier la réponse 3" → 3; "change" alone → 0; otherwise null.</summary>
    public static int? ChangeRequest(string text)
    {
        var match = ChangePattern().Match(TextMatching.Normalize(text));
        if (!match.Success)
        {
            return null;
        }

        return match.Groups[1].Success && int.TryParse(match.Groups[1].Value, out var n) ? n : 0;
    }

    [GeneratedRegex(@"^(?:change|changer|modifier|modify|edit|corriger)(?:\s+(?:my|ma|mon|the|la|le)?\s*(?:answer|reponse|question|no|number|numero|#)?)?\s*#?\s*(\d+)?$")]
    private static partial Regex ChangePattern();

    private static Dictionary<string, GlobalCommand> Build()
    {
        var map = new Dictionary<string, GlobalCommand>(StringComparer.Ordinal);
        void Add(GlobalCommand command, params string[] phrases)
        {
            foreach (var phrase in phrases)
            {
                map[TextMatching.Normalize(phrase)] = command;
            }
        }

        Add(GlobalCommand.Help, "help", "aide", "?", "menu", "aidez-moi", "au secours", "what can you do", "que peux-tu faire", "que pouvez-vous faire", "help me");
        Add(GlobalCommand.Cancel, "cancel", "annuler", "pause", "later", "plus tard", "quit", "quitter", "stop survey", "j'arrete le questionnaire");
        Add(GlobalCommand.Status, "status", "statut", "état", "état du projet", "project status", "où en est le projet", "where is the project at");
        Add(GlobalCommand.Stop, "stop", "unsubscribe", "arrêt", "arrêter", "désabonner", "me désabonner", "désabonnement", "stop messages", "plus de messages", "se désabonner", "unsubscribe me", "stopall", "stop all");
        Add(GlobalCommand.English, "english", "english please", "in english", "anglais", "en anglais", "speak english", "switch to english");
        Add(GlobalCommand.French, "français", "francais", "en français", "french", "french please", "in french", "parle français", "switch to french");
        Add(GlobalCommand.Export, "what data do you have on me", "export my data", "my data", "mes données", "exporter mes données", "quelles données avez-vous sur moi");
        Add(GlobalCommand.Delete, "delete my data", "supprimer mes données", "erase my data", "effacer mes données", "delete all my data", "supprimez mes données", "effacez mes données", "supprimer toutes mes données", "forget me", "oubliez-moi");
        Add(GlobalCommand.Withdraw, "withdraw my consent", "i withdraw my consent", "withdraw consent", "revoke my consent", "je retire mon consentement", "retirer mon consentement", "retrait du consentement", "retirer consentement", "je retire mon consentement.");
        Add(GlobalCommand.Subscribe, "subscribe", "resubscribe", "subscribe again", "subscribe me", "abonner", "m'abonner", "s'abonner", "réabonner", "me réabonner", "se réabonner", "abonnement");
        return map;
    }
}
