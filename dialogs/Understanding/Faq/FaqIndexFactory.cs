using Microsoft.Extensions.Options;

namespace EngagementBot.Dialogs.Understanding.Faq;

/// <summary>Builds a <see cref="FaqIndex"/> for a project's FAQ with the configured confidence threshold.</summary>
public sealed class FaqIndexFactory(IOptions<UnderstandingOptions> options)
{
    private readonly double _minConfidence = options.Value.FaqMinConfidence;

    /// <summary>Indexes <paramref name="entries"/> (cheap: build one per project and reuse it until the FAQ changes).</summary>
    public FaqIndex Create(IEnumerable<FaqEntry> entries) => new(entries, _minConfidence);
}
