using System.Text.Json.Serialization;

namespace EngagementBot.Storage.Domain;

/// <summary>The kinds of question a consultation can ask.</summary>
public enum QuestionType
{
    /// <summary>One option among several.</summary>
    Choice,

    /// <summary>Several options, between a minimum and a maximum.</summary>
    MultiChoice,

    /// <summary>A point on a numeric scale.</summary>
    Rating,

    /// <summary>Yes or no.</summary>
    YesNo,

    /// <summary>A number within bounds.</summary>
    Number,

    /// <summary>Free text.</summary>
    Text,

    /// <summary>A calendar date.</summary>
    Date,

    /// <summary>Options put in order of preference.</summary>
    Ranking,
}

/// <summary>One question of a consultation. The concrete type says how it is answered.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ChoiceQuestion), "choice")]
[JsonDerivedType(typeof(MultiChoiceQuestion), "multi-choice")]
[JsonDerivedType(typeof(RatingQuestion), "rating")]
[JsonDerivedType(typeof(YesNoQuestion), "yes-no")]
[JsonDerivedType(typeof(NumberQuestion), "number")]
[JsonDerivedType(typeof(TextQuestion), "text")]
[JsonDerivedType(typeof(DateQuestion), "date")]
[JsonDerivedType(typeof(RankingQuestion), "ranking")]
public abstract record Question
{
    /// <summary>Identifier unique within the consultation.</summary>
    public required string Id { get; init; }

    /// <summary>What is asked.</summary>
    public required LocalizedText Prompt { get; init; }

    /// <summary>Optional help shown with the prompt.</summary>
    public LocalizedText? Help { get; init; }

    /// <summary>Whether the participant may skip it.</summary>
    public bool Optional { get; init; }

    /// <summary>When set, the question is asked only if the rule holds.</summary>
    public ShowIfRule? ShowIf { get; init; }

    /// <summary>The kind of question (the JSON/YAML <c>type</c> discriminator).</summary>
    [JsonIgnore]
    public QuestionType Type => this switch
    {
        ChoiceQuestion => QuestionType.Choice,
        MultiChoiceQuestion => QuestionType.MultiChoice,
        RankingQuestion => QuestionType.Ranking,
        RatingQuestion => QuestionType.Rating,
        YesNoQuestion => QuestionType.YesNo,
        NumberQuestion => QuestionType.Number,
        TextQuestion => QuestionType.Text,
        _ => QuestionType.Date,
    };
}

/// <summary>An answer option with a stable id.</summary>
/// <param name="Id">Identifier stored in answers (unique within the question).</param>
/// <param name="Label">What the participant sees.</param>
public sealed record QuestionOption(string Id, LocalizedText Label);

/// <summary>A question whose answer is picked among options.</summary>
public abstract record OptionsQuestion : Question
{
    /// <summary>The options, in display order.</summary>
    public required IReadOnlyList<QuestionOption> Options { get; init; }

    /// <summary>Whether an option with this id exists.</summary>
    public bool HasOption(string optionId) =>
        Options.Any(o => string.Equals(o.Id, optionId, StringComparison.Ordinal));
}

/// <summary>Pick exactly one option.</summary>
public sealed record ChoiceQuestion : OptionsQuestion;

/// <summary>Pick between <see cref="MinSelections"/> and <see cref="MaxSelections"/> options.</summary>
public sealed record MultiChoiceQuestion : OptionsQuestion
{
    /// <summary>Fewest options to pick (at least 1 unless the question is optional).</summary>
    public int MinSelections { get; init; } = 1;

    /// <summary>Most options to pick; <see langword="null"/> means all.</summary>
    public int? MaxSelections { get; init; }
}

/// <summary>Put the options in order of preference (all of them, or the top <see cref="RankCount"/>).</summary>
public sealed record RankingQuestion : OptionsQuestion
{
    /// <summary>How many options to rank; <see langword="null"/> means all.</summary>
    public int? RankCount { get; init; }
}

/// <summary>A point on a scale from <see cref="ScaleMin"/> to <see cref="ScaleMax"/>.</summary>
public sealed record RatingQuestion : Question
{
    /// <summary>Lowest point (usually 1).</summary>
    public int ScaleMin { get; init; } = 1;

    /// <summary>Highest point (usually 5).</summary>
    public int ScaleMax { get; init; } = 5;

    /// <summary>Labels for some or all points of the scale, by point.</summary>
    public IReadOnlyDictionary<int, LocalizedText> Labels { get; init; } = new Dictionary<int, LocalizedText>();
}

/// <summary>Yes or no.</summary>
public sealed record YesNoQuestion : Question;

/// <summary>A number within optional bounds, with at most <see cref="Decimals"/> decimals.</summary>
public sealed record NumberQuestion : Question
{
    /// <summary>Smallest accepted value.</summary>
    public decimal? Min { get; init; }

    /// <summary>Largest accepted value.</summary>
    public decimal? Max { get; init; }

    /// <summary>Number of decimals accepted (0 = whole numbers).</summary>
    public int Decimals { get; init; }
}

/// <summary>Free text up to <see cref="MaxLength"/> characters.</summary>
public sealed record TextQuestion : Question
{
    /// <summary>Longest accepted answer, in characters.</summary>
    public int MaxLength { get; init; } = 1000;
}

/// <summary>A calendar date within optional bounds.</summary>
public sealed record DateQuestion : Question
{
    /// <summary>Earliest accepted date.</summary>
    public DateOnly? Earliest { get; init; }

    /// <summary>Latest accepted date.</summary>
    public DateOnly? Latest { get; init; }
}
