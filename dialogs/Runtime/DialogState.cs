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

    /// <summary>With <see cref="DialogStage.Feature"/>: the <see cref="IDialogFeature.Name"/> waiting for input.</summary>
    public string? Feature { get; set; }

    /// <summary>With <see cref="DialogStage.Feature"/>: what the feature asked (its own step name).</summary>
    public string? FeatureStep { get; set; }

    /// <summary>With <see cref="DialogStage.Feature"/>: what the feature keeps between its turns (ids, choices; no personal data).</summary>
    public Dictionary<string, string>? FeatureData { get; set; }

    /// <summary>Makes <paramref name="feature"/> wait for the user's next message at <paramref name="step"/>.</summary>
    public void EnterFeature(string feature, string step, Dictionary<string, string>? data = null)
    {
        Stage = DialogStage.Feature;
        Feature = feature;
        FeatureStep = step;
        FeatureData = data;
    }

    /// <summary>Whether <paramref name="feature"/> is waiting for the user's next message.</summary>
    public bool IsIn(string feature) => Stage == DialogStage.Feature && string.Equals(Feature, feature, StringComparison.Ordinal);

    /// <summary>Back to idle, forgetting any feature step.</summary>
    public void LeaveFeature()
    {
        if (Stage == DialogStage.Feature)
        {
            Stage = DialogStage.Idle;
        }

        Feature = null;
        FeatureStep = null;
        FeatureData = null;
    }
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

    /// <summary>A conversation feature (<see cref="DialogState.Feature"/>) waits for the user's next message.</summary>
    Feature,
}

/// <summary>Source-generated JSON for the dialog state.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DialogState))]
internal sealed partial class DialogStateJsonContext : JsonSerializerContext;
