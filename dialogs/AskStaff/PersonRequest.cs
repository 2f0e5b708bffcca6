using EngagementBot.Dialogs.Runtime;

namespace EngagementBot.Dialogs.AskStaff;

/// <summary>Whether a citizen asks to reach a person rather than the bot (FR/EN, accent- and case-insensitive).</summary>
public static class PersonRequest
{
    private static readonly string[] Phrases =
    [
        "talk to a person", "talk to someone", "talk to somebody", "talk to a human", "talk to a real person", "speak to someone",
        "speak to a person", "speak with someone", "speak to a human", "speak to an agent", "talk to an agent", "real person",
        "human please", "ask the team", "ask the project team", "question for the team", "contact the team", "ask staff",
        "parler a quelqu'un", "parler a une personne", "parler a un humain", "parler a un agent", "parler avec quelqu'un",
        "une vraie personne", "un humain", "poser une question a l'equipe", "question pour l'equipe", "joindre l'equipe",
        "contacter l'equipe", "parler a l'equipe", "demander a l'equipe",
    ];

    /// <summary>Whether <paramref name="text"/> asks for a person.</summary>
    public static bool Matches(string? text)
    {
        var normalized = TextMatching.Normalize(text);
        return normalized.Length > 0 && Phrases.Any(p => normalized.Contains(p, StringComparison.Ordinal));
    }
}
