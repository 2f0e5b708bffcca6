using Microsoft.Extensions.Options;

namespace EngagementBot.Dialogs.Understanding;

/// <summary>Settings of question understanding, bound from the <c>Understanding</c> configuration section.</summary>
public sealed class UnderstandingOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Understanding";

    /// <summary>
    /// <c>Understanding:IntentMinConfidence</c>: below this probability (0 to 1) the recognizer answers
    /// <c>other</c> rather than trusting its best intent. Default 0.25.
    /// </summary>
    public double IntentMinConfidence { get; set; } = IntentRecognizer.DefaultMinConfidence;

    /// <summary>
    /// <c>Understanding:FaqMinConfidence</c>: below this confidence (0 to 1) FAQ retrieval returns no
    /// answer and the bot offers to ask staff. Default 0.5.
    /// </summary>
    public double FaqMinConfidence { get; set; } = Faq.FaqIndex.DefaultMinConfidence;
}

/// <summary>Validates <see cref="UnderstandingOptions"/> at start-up with messages that say how to fix them.</summary>
internal sealed class UnderstandingOptionsValidator : IValidateOptions<UnderstandingOptions>
{
    public ValidateOptionsResult Validate(string? name, UnderstandingOptions options)
    {
        var failures = new List<string>();
        if (double.IsNaN(options.IntentMinConfidence) || options.IntentMinConfidence is < 0 or > 1)
        {
            failures.Add($"{UnderstandingOptions.SectionName}:IntentMinConfidence is {options.IntentMinConfidence}; set it between 0 and 1 (default {IntentRecognizer.DefaultMinConfidence}).");
        }

        if (double.IsNaN(options.FaqMinConfidence) || options.FaqMinConfidence is < 0 or > 1)
        {
            failures.Add($"{UnderstandingOptions.SectionName}:FaqMinConfidence is {options.FaqMinConfidence}; set it between 0 and 1 (default {Faq.FaqIndex.DefaultMinConfidence}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
