using System.Globalization;
using EngagementBot.Storage.Content;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Storage.Tests.Content;

/// <summary>
/// The demo seeded at start-up (<c>Storage:SeedDemoContent</c>) gets a fresh timeline: whatever "today" the clock
/// says, the consultation is open, some events are past and the next ones are ahead, at the same point of the
/// timeline as the authored <c>demo-anchor</c>. The <c>import</c> command keeps the dates as written.
/// </summary>
public sealed class FreshDemoTimelineTests : IDisposable
{
    private static readonly TimeZoneInfo Toronto = TimeZoneInfo.FindSystemTimeZoneById("America/Toronto");
    private static readonly DateOnly Anchor = new(2026, 12, 7);

    private readonly List<TempFolder> _folders = [];

    public void Dispose()
    {
        foreach (var folder in _folders)
        {
            folder.Dispose();
        }
    }

    [Fact]
    public async Task Seeded_on_2028_03_01_the_demo_is_open_with_past_and_upcoming_events_and_the_authored_current_phase()
    {
        var now = new DateTimeOffset(2028, 3, 1, 15, 0, 0, TimeSpan.Zero);
        var authored = AuthoredDemo();

        var (project, consultation) = await SeedAsync(now);

        Assert.True(consultation.IsOpenAt(now));
        Assert.True(project.KeyDates.Count(k => k.Start < now) >= 1);
        Assert.True(project.KeyDates.Count(k => k.Start > now) >= 2);
        Assert.NotEmpty(project.News);
        Assert.All(project.News, n => Assert.True(n.PublishedAt < now, $"{n.Id} is published {n.PublishedAt:O}, after {now:O}"));
        Assert.Equal(authored.Project.CurrentPhaseId, project.CurrentPhaseId);
        var current = Assert.Single(project.Timeline, p => p.Id == project.CurrentPhaseId);
        Assert.Equal(PhaseStatus.Current, current.Status);
        var today = LocalDate(now);
        Assert.True(current.Start <= today && today <= current.End, $"current phase {current.Start} to {current.End}, today {today}");
        Assert.True(project.Results.ExpectedOn > today);
    }

    [Theory]
    [InlineData("2026-11-20T12:00:00Z")]
    [InlineData("2026-12-07T17:00:00Z")]
    [InlineData("2027-01-16T12:00:00Z")]
    [InlineData("2027-06-15T04:30:00Z")]
    [InlineData("2028-03-01T15:00:00Z")]
    [InlineData("2031-10-31T23:59:00Z")]
    public async Task Whatever_day_it_is_seeded_the_consultation_is_open_and_the_next_event_is_ahead(string instant)
    {
        var now = DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);

        var (project, consultation) = await SeedAsync(now);

        Assert.True(consultation.IsOpenAt(now), $"open {consultation.OpensAt:O} to {consultation.ClosesAt:O}, now {now:O}");
        Assert.Contains(project.KeyDates, k => k.Start < now);
        var next = project.KeyDates.Where(k => k.Start > now).OrderBy(k => k.Start).First();
        Assert.True(next.Start - now < TimeSpan.FromDays(14), $"next event {next.Id} on {next.Start:O}");
        Assert.All(project.News, n => Assert.True(n.PublishedAt < now));
    }

    [Fact]
    public async Task Every_date_moves_by_the_same_whole_weeks_keeping_weekdays_and_local_times_across_daylight_saving()
    {
        var now = new DateTimeOffset(2028, 3, 1, 15, 0, 0, TimeSpan.Zero);
        var authored = AuthoredDemo();

        var (project, consultation) = await SeedAsync(now);

        var shift = LocalDate(consultation.OpensAt).DayNumber - LocalDate(authored.Consultation.OpensAt).DayNumber;
        Assert.Equal(0, shift % 7);
        Assert.InRange(LocalDate(now).DayNumber - (Anchor.DayNumber + shift), -6, 0);
        AssertMoved(authored.Consultation.OpensAt, consultation.OpensAt, shift);
        AssertMoved(authored.Consultation.ClosesAt, consultation.ClosesAt, shift);
        Assert.Equal(authored.Project.Timeline.Select(p => (p.Id, p.Start.AddDays(shift), p.End?.AddDays(shift))), project.Timeline.Select(p => (p.Id, p.Start, p.End)));
        Assert.Equal(authored.Project.KeyDates.Select(k => k.Id), project.KeyDates.Select(k => k.Id));
        foreach (var (before, after) in authored.Project.KeyDates.Zip(project.KeyDates))
        {
            AssertMoved(before.Start, after.Start, shift);
            Assert.Equal(before.End is null, after.End is null);
            if (before.End is { } end)
            {
                AssertMoved(end, after.End!.Value, shift);
            }
        }

        foreach (var (before, after) in authored.Project.News.Zip(project.News))
        {
            AssertMoved(before.PublishedAt, after.PublishedAt, shift);
        }

        Assert.Equal(authored.Project.Results.ExpectedOn!.Value.AddDays(shift), project.Results.ExpectedOn);

        // The consultation was authored to open at midnight on the day summer time ends (UTC-4); moved into winter
        // (UTC-5) it still opens at midnight.
        Assert.NotEqual(Toronto.GetUtcOffset(authored.Consultation.OpensAt), Toronto.GetUtcOffset(consultation.OpensAt));
        Assert.Equal(TimeSpan.Zero, TimeZoneInfo.ConvertTime(consultation.OpensAt, Toronto).TimeOfDay);
    }

    [Fact]
    public async Task What_is_not_a_date_of_the_timeline_stays_as_authored()
    {
        var authored = AuthoredDemo();

        var (project, consultation) = await SeedAsync(new DateTimeOffset(2030, 5, 5, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(StorageJson.Serialize(authored.Consultation.Questions), StorageJson.Serialize(consultation.Questions));
        var festival = Assert.IsType<DateQuestion>(consultation.FindQuestion("festival-date"));
        Assert.Equal(new DateOnly(2028, 5, 1), festival.Earliest);
        Assert.Equal("2026-11-v1", consultation.Consent.Version);
        Assert.Equal(StorageJson.Serialize(authored.Project.Faq), StorageJson.Serialize(project.Faq));
        Assert.Equal(authored.Project.News.Select(n => n.Body), project.News.Select(n => n.Body));
    }

    [Fact]
    public async Task Seeded_on_the_anchor_day_the_demo_is_exactly_as_authored()
    {
        var authored = AuthoredDemo();

        var (project, consultation) = await SeedAsync(new DateTimeOffset(2026, 12, 7, 17, 0, 0, TimeSpan.Zero));

        Assert.Equal(StorageJson.Serialize(authored.Project), StorageJson.Serialize(project with { ETag = null }));
        Assert.Equal(StorageJson.Serialize(authored.Consultation), StorageJson.Serialize(consultation with { ETag = null }));
    }

    [Fact]
    public async Task The_import_command_keeps_the_authored_dates_whatever_the_clock()
    {
        var authored = AuthoredDemo();
        var folder = NewFolder();
        await using var services = await StorageHost.StartAsync(
            new Dictionary<string, string?> { ["Storage:DataFolder"] = folder.Path }, new ManualTimeProvider(new DateTimeOffset(2029, 8, 1, 12, 0, 0, TimeSpan.Zero)));

        await using var scope = services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportFolderAsync(ContentImporter.DemoContentFolder, CancellationToken.None);

        Assert.True(report.Succeeded);
        var project = await scope.ServiceProvider.GetRequiredService<IProjectStore>().GetAsync("parc-des-berges", CancellationToken.None);
        Assert.Equal(StorageJson.Serialize(authored.Project), StorageJson.Serialize(project! with { ETag = null }));
    }

    [Fact]
    public async Task A_store_seeded_earlier_keeps_its_dates_at_the_next_start()
    {
        var folder = NewFolder();
        var settings = new Dictionary<string, string?> { ["Storage:DataFolder"] = folder.Path, ["Storage:SeedDemoContent"] = "true" };
        var december = new DateTimeOffset(2026, 12, 7, 17, 0, 0, TimeSpan.Zero);
        await using (await StorageHost.StartAsync(settings, new ManualTimeProvider(december)))
        {
        }

        await using var services = await StorageHost.StartAsync(settings, new ManualTimeProvider(december.AddYears(1)));
        await using var scope = services.CreateAsyncScope();
        var consultation = await scope.ServiceProvider.GetRequiredService<IConsultationStore>().GetAsync("berges-2026", CancellationToken.None);

        Assert.Equal(AuthoredDemo().Consultation.ClosesAt, consultation!.ClosesAt);
        Assert.False(consultation.IsOpenAt(december.AddYears(1)));
    }

    [Theory]
    [InlineData("2026-12-07T17:00:00Z", 0)]
    [InlineData("2026-12-01T17:00:00Z", 0)]
    [InlineData("2026-11-30T17:00:00Z", -7)]
    [InlineData("2026-12-08T17:00:00Z", 7)]
    [InlineData("2026-12-08T03:00:00Z", 0)] // still December 7 in Toronto
    [InlineData("2026-12-14T17:00:00Z", 7)]
    [InlineData("2026-12-15T17:00:00Z", 14)]
    public void The_shift_is_whole_weeks_putting_today_in_the_week_that_ends_on_the_anchor(string instant, int expected)
    {
        var timeline = DemoTimeline.FreshAt(DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture));

        Assert.Equal(expected, timeline.ShiftDays(Anchor, Toronto));
        Assert.Equal(0, timeline.ShiftDays(null, Toronto));
        Assert.Equal(0, DemoTimeline.AsAuthored.ShiftDays(Anchor, Toronto));
    }

    private static (Project Project, Consultation Consultation) AuthoredDemo()
    {
        var content = ContentImporter.LoadFolder(ContentImporter.DemoContentFolder);
        Assert.Empty(content.Problems);
        return (Assert.Single(content.Projects), Assert.Single(content.Consultations));
    }

    private async Task<(Project Project, Consultation Consultation)> SeedAsync(DateTimeOffset now)
    {
        var folder = NewFolder();
        await using var services = await StorageHost.StartAsync(
            new Dictionary<string, string?> { ["Storage:DataFolder"] = folder.Path, ["Storage:SeedDemoContent"] = "true" }, new ManualTimeProvider(now));
        await using var scope = services.CreateAsyncScope();
        var project = await scope.ServiceProvider.GetRequiredService<IProjectStore>().GetAsync("parc-des-berges", CancellationToken.None);
        var consultation = await scope.ServiceProvider.GetRequiredService<IConsultationStore>().GetAsync("berges-2026", CancellationToken.None);
        return (project!, consultation!);
    }

    private TempFolder NewFolder()
    {
        var folder = new TempFolder();
        _folders.Add(folder);
        return folder;
    }

    private static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Toronto).DateTime);

    private static void AssertMoved(DateTimeOffset authored, DateTimeOffset moved, int days)
    {
        var before = TimeZoneInfo.ConvertTime(authored, Toronto).DateTime;
        var after = TimeZoneInfo.ConvertTime(moved, Toronto).DateTime;
        Assert.Equal(before.AddDays(days), after);
        Assert.Equal(before.DayOfWeek, after.DayOfWeek);
    }
}
