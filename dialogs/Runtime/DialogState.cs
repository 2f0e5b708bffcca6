using System.Text.Json.Serialization;

namespace EngagementBot.Dialogs.Runtime;

/// <summary>Where a conversation stands, persisted between turns (one JSON document per conversation).</summary>
public sealed class DialogState
{
    /// <summary>What the bot is waiting for.</summary>
    public DialogStage Stage { get; set; } = DialogStage.Idle;

    /// <summary>The consultation under way (or last used).</summary>
    public string? ConsultationId { get; set; }

    /// <summary>The project concerned by a pending subscription offer.</summary>
    public string? ProjectSlug { get; set; }

    /// <summary>The question waiting for an answer.</summary>
    public string? QuestionId { get; set; }

    /// <summary>Optional questions the user skipped, per consultation question id.</summary>
    public List<string> Skipped { get; set; } = [];

    /// <summary>Consultation ids offered when several are open.</summary>
    public List<string> Offered { get; set; } = [];
}

/// <summary>What the bot is waiting for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DialogStage>))]
public enum DialogStage
{
    /// <summary>Nothing in particular.</summary>
    Idle,

    /// <summary>The user picks among several open consultations.</summary>
    ChoosingConsultation,

    /// <summary>Yes/no to the consent text.</summary>
    Consent,

    /// <summary>An answer to <see cref="DialogState.QuestionId"/>.</summary>
    Question,

    /// <summary>Submit or change N.</summary>
    Recap,

    /// <summary>Yes/no to updates of <see cref="DialogState.ProjectSlug"/>.</summary>
    Subscribe,
}

/// <summary>Source-generated JSON for the dialog state.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DialogState))]
internal sealed partial class DialogStateJsonContext : JsonSerializerContext;
