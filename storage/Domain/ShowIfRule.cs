namespace EngagementBot.Storage.Domain;

/// <summary>How a show-if rule compares the earlier answer.</summary>
public enum ShowIfOperator
{
    /// <summary>The answer equals the value (choice option id, yes/no, number, text, date).</summary>
    EqualTo,

    /// <summary>The answer exists and differs from the value.</summary>
    NotEqualTo,

    /// <summary>The question was answered.</summary>
    Answered,

    /// <summary>The question was skipped or not shown.</summary>
    NotAnswered,

    /// <summary>The answer (multi-choice or ranking) includes the option id.</summary>
    Contains,
}

/// <summary>Condition on an earlier question's answer that decides whether a question is asked.</summary>
/// <param name="QuestionId">The earlier question.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Value">The value compared with (not used by answered / not-answered).</param>
public sealed record ShowIfRule(string QuestionId, ShowIfOperator Operator, string? Value = null)
{
    /// <summary>Whether the rule holds given the earlier answer (<see langword="null"/> when not answered).</summary>
    public bool IsSatisfiedBy(AnswerValue? answer) => Operator switch
    {
        ShowIfOperator.Answered => answer is not null,
        ShowIfOperator.NotAnswered => answer is null,
        ShowIfOperator.EqualTo => answer is not null && answer.Matches(Value),
        ShowIfOperator.NotEqualTo => answer is not null && !answer.Matches(Value),
        ShowIfOperator.Contains => answer is not null && answer.Includes(Value),
        _ => false,
    };
}
