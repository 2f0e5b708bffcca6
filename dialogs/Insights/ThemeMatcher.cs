using EngagementBot.Dialogs.Runtime;

namespace EngagementBot.Dialogs.Insights;

/// <summary>Finds the theme staff named: by key or label, ignoring case and accents, exact before partial before close spelling.</summary>
public static class ThemeMatcher
{
    /// <summary>The theme named <paramref name="name"/>, or <see langword="null"/>.</summary>
    public static ThemeInsight? Find(IReadOnlyList<ThemeInsight> themes, string name)
    {
        ArgumentNullException.ThrowIfNull(themes);
        var wanted = Key(name);
        if (wanted.Length == 0)
        {
            return null;
        }

        return themes.FirstOrDefault(t => Key(t.Key) == wanted || Key(t.Label) == wanted)
            ?? themes.FirstOrDefault(t => Key(t.Label).Contains(wanted, StringComparison.Ordinal) || Key(t.Key).Contains(wanted, StringComparison.Ordinal))
            ?? themes.FirstOrDefault(t => TextMatching.Distance(Key(t.Label), wanted, 2) <= 2);
    }

    private static string Key(string text) => TextMatching.Normalize(text.Replace('_', ' ').Replace("kw:", string.Empty, StringComparison.Ordinal));
}
