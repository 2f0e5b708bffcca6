using EngagementBot.Dialogs.Resources;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Dialogs.AskStaff;

/// <summary>Who citizens are told will answer: the configured listener of the project, else "the project team".</summary>
public static class Responder
{
    /// <summary>The responder's name and role in <paramref name="language"/>.</summary>
    public static string Describe(Project? project, string? listenerId, string language)
    {
        var listener = project?.Listeners.FirstOrDefault(l => l.Id == listenerId);
        return listener is null
            ? AskStaffTexts.Get(AskStaffTexts.ResponderTeam, language)
            : AskStaffTexts.Format(AskStaffTexts.ResponderListener, language, listener.Name, listener.Role.For(language));
    }
}
