using EngagementBot.Dialogs.Runtime;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Dialogs.ProjectInfo;

/// <summary>The one project a message names by a distinctive word of its title ("the bridge", "parc des Berges"), if any.</summary>
public static class ProjectMention
{
    private const int MinWordLength = 4;

    /// <summary>The only project whose title words (FR or EN, not shared with another project's title) appear in <paramref name="text"/>.</summary>
    public static Project? Find(string text, IReadOnlyList<Project> projects)
    {
        ArgumentNullException.ThrowIfNull(projects);
        var words = Words(text);
        var titleWords = projects.Select(p => Words(p.Title.Fr + " " + p.Title.En)).ToList();
        Project? found = null;
        for (var i = 0; i < projects.Count; i++)
        {
            var distinctive = titleWords[i].Where(w => !titleWords.Where((_, j) => j != i).Any(other => other.Contains(w)));
            if (distinctive.Any(words.Contains))
            {
                if (found is not null)
                {
                    return null;
                }

                found = projects[i];
            }
        }

        return found;
    }

    private static HashSet<string> Words(string text) =>
        [.. TextMatching.Normalize(text).Split([' ', '\'', '-', ',', '?', '!', '.', ':'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= MinWordLength)];
}
