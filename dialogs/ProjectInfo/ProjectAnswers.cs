using System.Text;
using EngagementBot.Dialogs.Resources;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Dialogs.ProjectInfo;

/// <summary>The plain answers from a project's data: key dates, news, listeners, results and impact (markdown).</summary>
public static class ProjectAnswers
{
    /// <summary>How many upcoming events and news items are shown.</summary>
    public const int MaxItems = 3;

    /// <summary>The next events after <paramref name="now"/>, in date order.</summary>
    public static IReadOnlyList<KeyDate> UpcomingEvents(Project project, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(project);
        return [.. project.KeyDates.Where(k => (k.End ?? k.Start) >= now).OrderBy(k => k.Start).Take(MaxItems)];
    }

    /// <summary>The next events with date, place or link, and registration link.</summary>
    public static string KeyDates(Project project, DateTimeOffset now, string language)
    {
        var upcoming = UpcomingEvents(project, now);
        var title = project.Title.For(language);
        if (upcoming.Count == 0)
        {
            return ProjectInfoTexts.Format(ProjectInfoTexts.NoUpcomingEvents, language, title);
        }

        var text = new StringBuilder(ProjectInfoTexts.Format(ProjectInfoTexts.KeyDatesTitle, language, title));
        foreach (var item in upcoming)
        {
            text.Append("\n\n").Append(ProjectInfoTexts.Format(ProjectInfoTexts.KeyDateWhen, language, item.Title.For(language), LocalTimes.DateTime(item.Start, language)));
            if (item.Description is { } description)
            {
                text.Append('\n').Append(description.For(language));
            }

            if (item.Place is { } place)
            {
                text.Append('\n').Append(ProjectInfoTexts.Format(ProjectInfoTexts.KeyDatePlace, language, place.For(language)));
            }

            if (item.OnlineLink is { } online)
            {
                text.Append('\n').Append(ProjectInfoTexts.Format(ProjectInfoTexts.KeyDateOnline, language, online));
            }

            if (item.RegistrationLink is { } registration)
            {
                text.Append('\n').Append(ProjectInfoTexts.Format(ProjectInfoTexts.KeyDateRegister, language, registration));
            }
        }

        return text.ToString();
    }

    /// <summary>The latest news, newest first, with dates and links.</summary>
    public static string News(Project project, string language)
    {
        ArgumentNullException.ThrowIfNull(project);
        var title = project.Title.For(language);
        var latest = project.News.OrderByDescending(n => n.PublishedAt).Take(MaxItems).ToList();
        if (latest.Count == 0)
        {
            return ProjectInfoTexts.Format(ProjectInfoTexts.NoNews, language, title);
        }

        var text = new StringBuilder(ProjectInfoTexts.Format(ProjectInfoTexts.NewsTitle, language, title));
        foreach (var item in latest)
        {
            text.Append("\n\n").Append(ProjectInfoTexts.Format(ProjectInfoTexts.NewsLine, language, item.Title.For(language), LocalTimes.Date(item.PublishedAt, language), item.Body.For(language)));
            if (item.Link is { } link)
            {
                text.Append('\n').Append(ProjectInfoTexts.Format(ProjectInfoTexts.NewsLink, language, link));
            }
        }

        return text.ToString();
    }

    /// <summary>Who reads the input, their roles and what they do with it.</summary>
    public static string Listeners(Project project, string language)
    {
        ArgumentNullException.ThrowIfNull(project);
        var title = project.Title.For(language);
        if (project.Listeners.Count == 0)
        {
            return ProjectInfoTexts.Format(ProjectInfoTexts.NoListeners, language, title);
        }

        var text = new StringBuilder(ProjectInfoTexts.Format(ProjectInfoTexts.ListenersTitle, language, title));
        foreach (var listener in project.Listeners)
        {
            text.Append("\n\n").Append(ProjectInfoTexts.Format(ProjectInfoTexts.ListenerLine, language, listener.Name, listener.Role.For(language), listener.WhatTheyDo.For(language)));
        }

        return text.ToString();
    }

    /// <summary>The published report (final first, else interim), or <see langword="null"/> when none is published.</summary>
    public static string? PublishedResults(Project project, string language)
    {
        ArgumentNullException.ThrowIfNull(project);
        var title = project.Title.For(language);
        var (report, key) = project.Results.Final is { } final
            ? (final, ProjectInfoTexts.ResultsFinal)
            : (project.Results.Interim, ProjectInfoTexts.ResultsInterim);
        if (report is null)
        {
            return null;
        }

        var text = ProjectInfoTexts.Format(key, language, title, LocalTimes.Date(report.PublishedAt, language), report.Summary.For(language));
        return report.Link is { } link ? text + "\n\n" + ProjectInfoTexts.Format(ProjectInfoTexts.ResultsLink, language, link) : text;
    }

    /// <summary>When results are expected, with the pending note.</summary>
    public static string PendingResults(Project project, string language)
    {
        ArgumentNullException.ThrowIfNull(project);
        var title = project.Title.For(language);
        var text = project.Results.ExpectedOn is { } expected
            ? ProjectInfoTexts.Format(ProjectInfoTexts.ResultsPending, language, title, LocalTimes.Date(expected, language))
            : ProjectInfoTexts.Format(ProjectInfoTexts.ResultsPendingNoDate, language, title);
        return project.Results.PendingNote is { } note ? text + " " + note.For(language) : text;
    }

    /// <summary>The project's "how your input is used" text.</summary>
    public static string Impact(Project project, string language)
    {
        ArgumentNullException.ThrowIfNull(project);
        return ProjectInfoTexts.Format(ProjectInfoTexts.ImpactAnswer, language, project.Title.For(language), project.HowInputIsUsed.For(language));
    }
}
