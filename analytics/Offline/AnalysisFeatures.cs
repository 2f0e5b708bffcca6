namespace EngagementBot.Analytics.Offline;

/// <summary>Which per-document analyses a pass runs.</summary>
[Flags]
internal enum AnalysisFeatures
{
    Language = 1,
    Sentiment = 2,
    KeyPhrases = 4,
    Pii = 8,
    Themes = 16,
    Summary = 32,
    All = Language | Sentiment | KeyPhrases | Pii | Themes | Summary,
}
