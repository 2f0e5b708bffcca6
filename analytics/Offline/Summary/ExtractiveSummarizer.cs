using EngagementBot.Analytics.Model;
using EngagementBot.Analytics.Offline.Themes;

namespace EngagementBot.Analytics.Offline.Summary;

/// <summary>
/// Extractive summary by centrality: a sentence scores the mean log document frequency of its content
/// words (what many people talk about), damped for very short or long sentences. The best sentences
/// are picked with a redundancy check, and each cites every document that has a sentence sharing most
/// of its content words — its source first. Linear in the number of sentences.
/// </summary>
internal static class ExtractiveSummarizer
{
    private const int CandidatePool = 512;

    public static ExtractiveSummary Summarize(IReadOnlyList<DocumentFacts> docs, int vocabularySize, SummaryOptions options)
    {
        var max = Math.Clamp(options.MaxSentences, 1, 20);
        var df = new int[vocabularySize];
        foreach (var doc in docs)
        {
            foreach (var id in doc.ContentIds)
            {
                df[id]++;
            }
        }

        var logDf = new float[vocabularySize];
        for (var i = 0; i < df.Length; i++)
        {
            logDf[i] = MathF.Log(df[i]);
        }

        // Best candidates (score, doc, sentence), kept in a bounded pool.
        var pool = new PriorityQueue<(DocumentFacts Doc, int Sentence), float>();
        foreach (var doc in docs)
        {
            for (var s = 0; s < doc.Sentences.Length; s++)
            {
                var sentence = doc.Sentences[s];
                var n = sentence.IdCount;
                if (n < 4 || sentence.Words < 6 || sentence.Words > 45)
                {
                    continue;
                }

                var sum = 0f;
                foreach (var id in doc.IdsOf(s))
                {
                    sum += logDf[id];
                }

                var score = sum / n * MathF.Min(1f, n / 5f);
                if (pool.Count < CandidatePool)
                {
                    pool.Enqueue((doc, s), score);
                }
                else if (pool.TryPeek(out _, out var lowest) && score > lowest)
                {
                    pool.DequeueEnqueue((doc, s), score);
                }
            }
        }

        var candidates = new List<(DocumentFacts Doc, int Sentence, float Score)>();
        while (pool.TryDequeue(out var item, out var score))
        {
            candidates.Add((item.Doc, item.Sentence, score));
        }

        candidates.Reverse();
        var selected = new List<(DocumentFacts Doc, int Sentence, float Score)>();
        foreach (var candidate in candidates)
        {
            var redundant = false;
            foreach (var s in selected)
            {
                redundant |= s.Doc == candidate.Doc || Jaccard(candidate.Doc.IdsOf(candidate.Sentence), s.Doc.IdsOf(s.Sentence)) >= 0.25;
            }

            if (redundant)
            {
                continue;
            }

            selected.Add(candidate);
            if (selected.Count == max)
            {
                break;
            }
        }

        if (selected.Count == 0)
        {
            return new ExtractiveSummary([]);
        }

        var citations = selected.Select(s => new List<string> { s.Doc.Document.Id }).ToList();
        foreach (var doc in docs)
        {
            for (var k = 0; k < selected.Count; k++)
            {
                if (doc == selected[k].Doc)
                {
                    continue;
                }

                var ids = selected[k].Doc.IdsOf(selected[k].Sentence);
                for (var s = 0; s < doc.Sentences.Length; s++)
                {
                    if (SaysTheSame(ids, doc.IdsOf(s)))
                    {
                        citations[k].Add(doc.Document.Id);
                        break;
                    }
                }
            }
        }

        var top = selected[0].Score;
        return new ExtractiveSummary(selected
            .Select((s, k) => new SummarySentence(
                ThemeBuilder.QuoteText(s.Doc, s.Sentence, options.RedactSentences),
                citations[k],
                top > 0 ? Math.Round(s.Score / top, 4) : 0))
            .ToList());
    }

    /// <summary>The other sentence shares at least 60 % (and two) of the summary sentence's content words.</summary>
    private static bool SaysTheSame(ReadOnlySpan<int> summary, ReadOnlySpan<int> other)
    {
        var shared = Shared(summary, other);
        return shared >= 2 && shared * 5 >= summary.Length * 3;
    }

    private static double Jaccard(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        var shared = Shared(a, b);
        var union = a.Length + b.Length - shared;
        return union == 0 ? 0 : (double)shared / union;
    }

    private static int Shared(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        var shared = 0;
        foreach (var x in a)
        {
            if (b.IndexOf(x) >= 0)
            {
                shared++;
            }
        }

        return shared;
    }
}
