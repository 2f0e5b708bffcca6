using EngagementBot.Storage.Domain;

namespace EngagementBot.Storage.Content;

/// <summary>Reads and validates a project document.</summary>
internal static class ProjectParser
{
    public static Project? Parse(YamlFields doc)
    {
        var before = doc.Problems.Count;
        var slug = doc.Id("slug");
        var title = doc.Localized("title");
        var description = doc.Localized("description");
        var howInputIsUsed = doc.Localized("how-input-is-used");

        var timeline = new List<TimelinePhase>();
        var phaseIds = new UniqueIds(doc.Problems, "timeline phase");
        foreach (var (item, _) in doc.Items("timeline", required: true))
        {
            var id = item.Id();
            phaseIds.Check(id, item, "id");
            var phaseTitle = item.Localized("title");
            var phaseDescription = item.Localized("description", required: false);
            var start = item.Date("start", required: true);
            var end = item.Date("end");
            var status = ParseStatus(item);
            if (status == PhaseStatus.Current && timeline.Any(p => p.Status == PhaseStatus.Current))
            {
                item.Problems.Add(item.Raw("status"), item.FieldPath("status"), "more than one phase has status 'current': exactly one phase may be current.");
            }
            if (start is not null && end is not null && end < start)
            {
                item.Problems.Add(item.Raw("end"), item.FieldPath("end"), $"end ({end:yyyy-MM-dd}) is before start ({start:yyyy-MM-dd}).");
            }

            item.ReportUnknownKeys();
            if (id is not null && phaseTitle is not null && start is not null && status is not null)
            {
                timeline.Add(new TimelinePhase { Id = id, Title = phaseTitle, Description = phaseDescription, Start = start.Value, End = end, Status = status.Value });
            }
        }

        var currentPhase = doc.Id("current-phase", required: false);
        var currentPhases = timeline.Where(p => p.Status == PhaseStatus.Current).ToList();

        if (currentPhase is not null)
        {
            var phase = timeline.FirstOrDefault(p => p.Id == currentPhase);
            if (phase is null && phaseIds.Contains(currentPhase) is false)
            {
                doc.Problems.Add(doc.Raw("current-phase"), doc.FieldPath("current-phase"), $"current-phase '{currentPhase}' is not a phase of the timeline.");
            }
            else if (phase is not null && phase.Status != PhaseStatus.Current)
            {
                doc.Problems.Add(doc.Raw("current-phase"), doc.FieldPath("current-phase"), $"current-phase '{currentPhase}' has status '{phase.Status.ToString().ToLowerInvariant()}': give it status 'current'.");
            }
        }
        else if (currentPhases.Count == 1)
        {
            currentPhase = currentPhases[0].Id;
        }

        var keyDates = new List<KeyDate>();
        var keyDateIds = new UniqueIds(doc.Problems, "key date");
        foreach (var (item, _) in doc.Items("key-dates"))
        {
            item.TimeZone = doc.TimeZone;
            var id = item.Id();
            keyDateIds.Check(id, item, "id");
            var keyTitle = item.Localized("title");
            var keyDescription = item.Localized("description", required: false);
            var start = item.Instant("start", required: true);
            var end = item.Instant("end");
            var place = item.Localized("place", required: false);
            var online = item.Link("online-link");
            var registration = item.Link("registration-link");
            var capacity = item.Int("capacity");
            if (start is not null && end is not null && end < start)
            {
                item.Problems.Add(item.Raw("end"), item.FieldPath("end"), "end is before start.");
            }

            if (capacity is <= 0)
            {
                item.Problems.Add(item.Raw("capacity"), item.FieldPath("capacity"), "capacity must be a positive number of places.");
            }

            if (place is null && online is null && item.Has("place") is false && item.Has("online-link") is false)
            {
                item.Problems.Add(item.Node, item.FieldPath("place"), "say where it happens: add 'place:' (in person) or 'online-link:' (online), or both.");
            }

            item.ReportUnknownKeys();
            if (id is not null && keyTitle is not null && start is not null)
            {
                keyDates.Add(new KeyDate
                {
                    Id = id,
                    Title = keyTitle,
                    Description = keyDescription,
                    Start = start.Value,
                    End = end,
                    Place = place,
                    OnlineLink = online,
                    RegistrationLink = registration,
                    Capacity = capacity,
                });
            }
        }

        var news = new List<NewsItem>();
        var newsIds = new UniqueIds(doc.Problems, "news item");
        foreach (var (item, _) in doc.Items("news"))
        {
            var id = item.Id();
            newsIds.Check(id, item, "id");
            var newsTitle = item.Localized("title");
            var body = item.Localized("body");
            var published = item.Instant("published", required: true);
            var link = item.Link("link");
            item.ReportUnknownKeys();
            if (id is not null && newsTitle is not null && body is not null && published is not null)
            {
                news.Add(new NewsItem { Id = id, Title = newsTitle, Body = body, PublishedAt = published.Value, Link = link });
            }
        }

        var listeners = new List<Listener>();
        var listenerIds = new UniqueIds(doc.Problems, "listener");
        foreach (var (item, _) in doc.Items("listeners"))
        {
            var id = item.Id();
            listenerIds.Check(id, item, "id");
            var name = item.Text("name");
            var role = item.Localized("role");
            var what = item.Localized("what-they-do");
            item.ReportUnknownKeys();
            if (id is not null && name is not null && role is not null && what is not null)
            {
                listeners.Add(new Listener { Id = id, Name = name, Role = role, WhatTheyDo = what });
            }
        }

        var faq = new List<FaqEntry>();
        var faqIds = new UniqueIds(doc.Problems, "FAQ entry");
        foreach (var (item, _) in doc.Items("faq"))
        {
            var id = item.Id();
            faqIds.Check(id, item, "id");
            var question = item.Localized("question");
            var answer = item.Localized("answer");
            item.ReportUnknownKeys();
            if (id is not null && question is not null && answer is not null)
            {
                faq.Add(new FaqEntry { Id = id, Question = question, Answer = answer });
            }
        }

        var results = ParseResults(doc);
        doc.ReportUnknownKeys();

        if (doc.Problems.Count > before || slug is null || title is null || description is null || howInputIsUsed is null)
        {
            return null;
        }

        return new Project
        {
            Slug = slug,
            Title = title,
            Description = description,
            CurrentPhaseId = currentPhase,
            Timeline = timeline,
            KeyDates = keyDates,
            News = news,
            Listeners = listeners,
            Faq = faq,
            HowInputIsUsed = howInputIsUsed,
            Results = results,
        };
    }

    private static PhaseStatus? ParseStatus(YamlFields item)
    {
        var status = item.Text("status", what: "a status (done, current or upcoming)");
        switch (status)
        {
            case null:
                return null;
            case "done":
                return PhaseStatus.Done;
            case "current":
                return PhaseStatus.Current;
            case "upcoming":
                return PhaseStatus.Upcoming;
            default:
                item.Problems.Add(item.Raw("status"), item.FieldPath("status"), $"unknown status '{status}': use done, current or upcoming.");
                return null;
        }
    }

    private static ProjectResults ParseResults(YamlFields doc)
    {
        var results = doc.Mapping("results");
        if (results is null)
        {
            return new ProjectResults();
        }

        var parsed = new ProjectResults
        {
            ExpectedOn = results.Date("expected"),
            PendingNote = results.Localized("pending-note", required: false),
            Interim = ParseReport(results.Mapping("interim")),
            Final = ParseReport(results.Mapping("final")),
        };
        results.ReportUnknownKeys();
        return parsed;
    }

    private static ResultReport? ParseReport(YamlFields? report)
    {
        if (report is null)
        {
            return null;
        }

        var summary = report.Localized("summary");
        var link = report.Link("link");
        var published = report.Instant("published", required: true);
        report.ReportUnknownKeys();
        return summary is null || published is null ? null : new ResultReport { Summary = summary, Link = link, PublishedAt = published.Value };
    }
}

/// <summary>Reports duplicate ids within one list (or across files, with the place of the first one).</summary>
internal sealed class UniqueIds(ProblemSink problems, string what)
{
    private readonly Dictionary<string, string> _seen = new(StringComparer.Ordinal);

    public bool Contains(string id) => _seen.ContainsKey(id);

    public void Check(string? id, YamlFields item, string key)
    {
        if (id is null)
        {
            return;
        }

        var node = item.Raw(key);
        var place = $"{problems.File} line {node?.Start.Line}";
        if (!_seen.TryAdd(id, place))
        {
            problems.Add(node, item.FieldPath(key), $"duplicate {what} id '{id}' (first defined at {_seen[id]}).");
        }
    }
}
