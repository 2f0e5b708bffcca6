namespace EngagementBot.Dialogs.Understanding;

/// <summary>Maps a citizen's message (French or English, any spelling) to one of <see cref="Intents.All"/>.</summary>
public interface IIntentRecognizer
{
    /// <summary>Recognizes the intent of <paramref name="text"/>. Cheap (CPU only, microseconds); never throws on odd text.</summary>
    IntentResult Recognize(string text);
}
