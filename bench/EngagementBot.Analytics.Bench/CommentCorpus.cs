using System.Text;
using System.Text.Json;
using EngagementBot.Analytics.Model;

namespace EngagementBot.Analytics.Bench;

/// <summary>
/// A deterministic synthetic corpus: comments of about 40 words, 55% French / 45% English, made of
/// sentences of the dev feedback set with about a quarter of their words swapped for other words of
/// the same language's dev vocabulary (so the vocabulary keeps growing as in real data), and a few
/// contact details like the ones citizens leave.
/// </summary>
internal static class CommentCorpus
{
    public static IReadOnlyList<TextDocument> Generate(int count, int seed = 7)
    {
        var (fr, en) = LoadSentences();
        var frWords = fr.SelectMany(Words).Distinct().ToArray();
        var enWords = en.SelectMany(Words).Distinct().ToArray();
        var rng = new Random(seed);
        var docs = new TextDocument[count];
        var sb = new StringBuilder(400);
        for (var i = 0; i < count; i++)
        {
            var french = rng.NextDouble() < 0.55;
            var sentences = french ? fr : en;
            var vocabulary = french ? frWords : enWords;
            sb.Clear();
            var words = 0;
            while (words < 40)
            {
                var sentence = sentences[rng.Next(sentences.Length)].Split(' ');
                for (var w = 0; w < sentence.Length; w++)
                {
                    var word = rng.NextDouble() < 0.25 ? vocabulary[rng.Next(vocabulary.Length)] : sentence[w];
                    sb.Append(word).Append(' ');
                }

                words += sentence.Length;
            }

            var extra = rng.Next(100);
            if (extra < 5)
            {
                sb.Append(french ? "Mon courriel : " : "Email me at ").Append("citoyen").Append(i).Append("@exemple.ca");
            }
            else if (extra < 10)
            {
                sb.Append(french ? "Rappelez-moi au " : "Call me at ").Append("514-555-").Append((1000 + (i % 9000)).ToString("D4", System.Globalization.CultureInfo.InvariantCulture));
            }

            docs[i] = new TextDocument($"r-{i:D6}", sb.ToString().TrimEnd());
        }

        return docs;
    }

    private static IEnumerable<string> Words(string sentence) => sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static (string[] French, string[] English) LoadSentences()
    {
        var fr = new List<string>();
        var en = new List<string>();
        foreach (var line in File.ReadLines(FindDevSet()))
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            var text = json.RootElement.GetProperty("text").GetString()!;
            var lang = json.RootElement.GetProperty("lang").GetString();
            (lang == "fr" ? fr : en).AddRange(text.Split(". ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.EndsWith('.') || s.EndsWith('!') || s.EndsWith('?') ? s : s + "."));
        }

        return ([.. fr], [.. en]);
    }

    private static string FindDevSet()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "feedback-dev.jsonl");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("shared/data/feedback-dev.jsonl was not found above " + AppContext.BaseDirectory + "; clone the repository with shared/ beside it.");
    }
}
