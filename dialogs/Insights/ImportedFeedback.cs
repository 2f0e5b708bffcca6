using EngagementBot.Storage.Domain;

namespace EngagementBot.Dialogs.Insights;

/// <summary>
/// How feedback gathered elsewhere (<c>analyze --import &lt;project&gt;</c>) is stored: as submitted responses to a
/// synthetic consultation <c>&lt;project&gt;.imported-feedback</c> with one free-text question <c>feedback</c>. The
/// consultation's project slug is <c>&lt;project&gt;/imported</c>, a slug no project has, so citizens never see it in
/// the consultation list; staff summaries of the project include it. Each item's participant id is
/// <c>import/&lt;project&gt;/&lt;item id&gt;</c> (no participant record exists): importing the same item again updates it.
/// </summary>
public static class ImportedFeedback
{
    /// <summary>The only question of an imported-feedback consultation.</summary>
    public const string QuestionId = "feedback";

    /// <summary>Prefix of the participant ids of imported items.</summary>
    public const string ParticipantPrefix = "import/";

    /// <summary>The synthetic consultation id of a project's imported feedback.</summary>
    public static string ConsultationId(string projectSlug) => projectSlug + ".imported-feedback";

    /// <summary>Whether a consultation holds imported feedback.</summary>
    public static bool IsImported(Consultation consultation)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        return consultation.ProjectSlug.EndsWith("/imported", StringComparison.Ordinal);
    }

    /// <summary>The project whose imported feedback a consultation holds.</summary>
    public static string ProjectOf(Consultation consultation)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        return consultation.ProjectSlug[..^"/imported".Length];
    }

    /// <summary>The participant id of an imported item.</summary>
    public static string ParticipantId(string projectSlug, string itemId) => $"{ParticipantPrefix}{projectSlug}/{itemId}";

    /// <summary>The synthetic consultation for a project (closed, never offered to citizens).</summary>
    public static Consultation CreateConsultation(Project project, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(project);
        return new Consultation
        {
            Id = ConsultationId(project.Slug),
            ProjectSlug = project.Slug + "/imported",
            Title = new LocalizedText($"{project.Title.Fr} — commentaires importés", $"{project.Title.En} — imported feedback"),
            OpensAt = now,
            ClosesAt = now,
            Consent = new ConsentText { Version = "import", Text = new LocalizedText("Commentaires recueillis hors du robot.", "Feedback gathered outside the bot.") },
            Questions =
            [
                new TextQuestion
                {
                    Id = QuestionId,
                    Prompt = new LocalizedText("Commentaire importé", "Imported feedback"),
                    Optional = true,
                    MaxLength = 100_000,
                },
            ],
        };
    }
}
