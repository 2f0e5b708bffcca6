namespace EngagementBot.Analytics.Offline.Sentiment;

/// <summary>
/// The train / held-out split of the UCI labelled sentences: every fifth sentence of each source
/// (amazon, imdb, yelp) is held out. The trainer never trains or tunes on it; the tests report on it.
/// </summary>
internal static class UciSplit
{
    public static bool IsHeldOut(int indexInSource) => indexInSource % 5 == 4;
}
