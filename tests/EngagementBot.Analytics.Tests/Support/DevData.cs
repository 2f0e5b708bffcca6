using System.Globalization;
using System.Text.Json;
using EngagementBot.Analytics.Model;

namespace EngagementBot.Analytics.Tests.Support;

/// <summary>One labelled line of <c>shared/data/feedback-dev.jsonl</c>.</summary>
internal sealed record FeedbackLine(string Id, string Lang, string Text, string Sentiment, IReadOnlyList<string> Themes, IReadOnlyList<string> Pii)
{
    public TextDocument ToDocument() => new(Id, Text);
}

/// <summary>One UCI labelled sentence (Fixtures/uci-sentences.tsv).</summary>
internal sealed record UciSentence(string Source, int Index, bool Positive, string Text);

/// <summary>
/// Loads the shared development data. The repository is cloned with <c>shared/</c> beside it, so the
/// file is found by walking up from the test's base directory to a folder holding
/// <c>shared/data/feedback-dev.jsonl</c>. A missing file fails the test with a clear message.
/// </summary>
internal static class DevData
{
    private static readonly Lazy<IReadOnlyList<FeedbackLine>> LazyFeedback = new(LoadFeedback);
    private static readonly Lazy<IReadOnlyList<UciSentence>> LazyUci = new(LoadUci);

    public static IReadOnlyList<FeedbackLine> Feedback => LazyFeedback.Value;

    public static IReadOnlyList<UciSentence> Uci => LazyUci.Value;

    public static string FindSharedFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"shared/{relative} was not found above {AppContext.BaseDirectory}. The repository must be cloned with the project's shared/ folder beside it (<repo>/../shared/{relative}).");
    }

    private static IReadOnlyList<FeedbackLine> LoadFeedback()
    {
        var path = FindSharedFile("data/feedback-dev.jsonl");
        var lines = new List<FeedbackLine>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            var r = json.RootElement;
            lines.Add(new FeedbackLine(
                r.GetProperty("id").GetString()!,
                r.GetProperty("lang").GetString()!,
                r.GetProperty("text").GetString()!,
                r.GetProperty("sentiment").GetString()!,
                r.GetProperty("themes").EnumerateArray().Select(e => e.GetString()!).ToList(),
                r.GetProperty("pii").EnumerateArray().Select(e => e.GetString()!).ToList()));
        }

        return lines;
    }

    private static IReadOnlyList<UciSentence> LoadUci()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "uci-sentences.tsv");
        return File.ReadLines(path)
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split('\t'))
            .Select(c => new UciSentence(c[0], int.Parse(c[1], CultureInfo.InvariantCulture), c[2] == "1", c[3]))
            .ToList();
    }
}
