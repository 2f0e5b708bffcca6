using EngagementBot.Dialogs.Understanding;

namespace EngagementBot.Dialogs.Tests.Understanding;

/// <summary>One recognizer trained on the shipped training set, shared by the tests (training is deterministic).</summary>
internal static class TrainedRecognizer
{
    private static readonly Lazy<IntentRecognizer> Lazy = new(() => IntentRecognizer.CreateDefault());

    public static IntentRecognizer Instance => Lazy.Value;
}
