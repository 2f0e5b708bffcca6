using System.Globalization;
using System.Text.Json.Serialization;

namespace EngagementBot.Storage.Domain;

/// <summary>A typed answer value; the concrete type matches the question type.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ChoiceAnswer), "choice")]
[JsonDerivedType(typeof(MultiChoiceAnswer), "multi-choice")]
[JsonDerivedType(typeof(RankingAnswer), "ranking")]
[JsonDerivedType(typeof(RatingAnswer), "rating")]
[JsonDerivedType(typeof(YesNoAnswer), "yes-no")]
[JsonDerivedType(typeof(NumberAnswer), "number")]
[JsonDerivedType(typeof(TextAnswer), "text")]
[JsonDerivedType(typeof(DateAnswer), "date")]
public abstract record AnswerValue
{
    /// <summary>Whether the answer equals a show-if value written as text.</summary>
    public abstract bool Matches(string? value);

    /// <summary>Whether the answer includes an option id (multi-valued answers); single values compare equal.</summary>
    public virtual bool Includes(string? value) => Matches(value);
}

/// <summary>The option picked in a choice question.</summary>
/// <param name="OptionId">The option's id.</param>
public sealed record ChoiceAnswer(string OptionId) : AnswerValue
{
    /// <inheritdoc />
    public override bool Matches(string? value) => string.Equals(OptionId, value, StringComparison.Ordinal);
}

/// <summary>The options picked in a multi-choice question.</summary>
/// <param name="OptionIds">The picked option ids.</param>
public sealed record MultiChoiceAnswer(IReadOnlyList<string> OptionIds) : AnswerValue
{
    /// <inheritdoc />
    public override bool Matches(string? value) => OptionIds.Count == 1 && OptionIds[0] == value;

    /// <inheritdoc />
    public override bool Includes(string? value) => value is not null && OptionIds.Contains(value, StringComparer.Ordinal);
}

/// <summary>Options in order of preference, most preferred first.</summary>
/// <param name="OptionIds">The ranked option ids.</param>
public sealed record RankingAnswer(IReadOnlyList<string> OptionIds) : AnswerValue
{
    /// <summary>Equal when the value is the top-ranked option.</summary>
    public override bool Matches(string? value) => OptionIds.Count > 0 && OptionIds[0] == value;

    /// <inheritdoc />
    public override bool Includes(string? value) => value is not null && OptionIds.Contains(value, StringComparer.Ordinal);
}

/// <summary>A point on a rating scale.</summary>
/// <param name="Value">The point.</param>
public sealed record RatingAnswer(int Value) : AnswerValue
{
    /// <inheritdoc />
    public override bool Matches(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v == Value;
}

/// <summary>A yes or no.</summary>
/// <param name="Value">True for yes.</param>
public sealed record YesNoAnswer(bool Value) : AnswerValue
{
    /// <summary>Matches "yes"/"true" or "no"/"false".</summary>
    public override bool Matches(string? value) => value?.ToUpperInvariant() switch
    {
        "YES" or "TRUE" => Value,
        "NO" or "FALSE" => !Value,
        _ => false,
    };
}

/// <summary>A number.</summary>
/// <param name="Value">The number.</param>
public sealed record NumberAnswer(decimal Value) : AnswerValue
{
    /// <inheritdoc />
    public override bool Matches(string? value) =>
        decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var v) && v == Value;
}

/// <summary>Free text.</summary>
/// <param name="Text">The text as given.</param>
public sealed record TextAnswer(string Text) : AnswerValue
{
    /// <summary>Case-insensitive equality.</summary>
    public override bool Matches(string? value) => string.Equals(Text, value, StringComparison.OrdinalIgnoreCase);

    /// <summary>Case-insensitive substring.</summary>
    public override bool Includes(string? value) =>
        value is not null && Text.Contains(value, StringComparison.OrdinalIgnoreCase);
}

/// <summary>A calendar date.</summary>
/// <param name="Value">The date.</param>
public sealed record DateAnswer(DateOnly Value) : AnswerValue
{
    /// <inheritdoc />
    public override bool Matches(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d == Value;
}
