using System.Reflection;

namespace EngagementBot.Analytics.Offline.Lexicons;

/// <summary>Reads the embedded resource files (TSV/TXT, '#' comment lines, UTF-8).</summary>
internal static class ResourceFiles
{
    private static readonly Assembly Assembly = typeof(ResourceFiles).Assembly;

    /// <summary>Non-empty, non-comment lines of an embedded resource such as <c>afinn-en.tsv</c>.</summary>
    public static IEnumerable<string> ReadLines(string fileName)
    {
        using var stream = Assembly.GetManifestResourceStream("EngagementBot.Analytics.Resources." + fileName)
            ?? throw new InvalidOperationException($"Embedded resource '{fileName}' is missing from EngagementBot.Analytics; rebuild the project (analytics/Resources).");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            yield return line;
        }
    }

    /// <summary>Rows of a TSV resource split on tabs.</summary>
    public static IEnumerable<string[]> ReadRows(string fileName)
    {
        foreach (var line in ReadLines(fileName))
        {
            yield return line.Split('\t');
        }
    }
}
