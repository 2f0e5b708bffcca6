using EngagementBot.Storage.Content;
using EngagementBot.Storage.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Storage.Tests.Content;

/// <summary>The importer against a real SQLite store, with the shipped demo content.</summary>
public sealed class ContentImporterTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Today = new(2026, 11, 22, 15, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _data = new();
    private readonly TempFolder _content = new();
    private ServiceProvider? _services;

    private ServiceProvider Services => _services!;

    public async Task InitializeAsync() =>
        _services = await StorageHost.StartAsync(
            new Dictionary<string, string?> { ["Storage:DataFolder"] = _data.Path },
            new ManualTimeProvider(Today));

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        _data.Dispose();
        _content.Dispose();
    }

    [Fact]
    public async Task Demo_content_imports_without_problems_and_reimport_changes_nothing()
    {
        var first = await ImportAsync(ContentImporter.DemoContentFolder);
        var etagsAfterFirst = await ReadETagsAsync();
        var second = await ImportAsync(ContentImporter.DemoContentFolder);

        Assert.Empty(first.Problems);
        Assert.True(first.Succeeded);
        Assert.Equal(["consultation:berges-2026", "project:parc-des-berges"], first.Created.Order(StringComparer.Ordinal));
        Assert.Empty(second.Created);
        Assert.Empty(second.Updated);
        Assert.Equal(2, second.Unchanged.Count);
        Assert.Equal(etagsAfterFirst, await ReadETagsAsync());
    }

    [Fact]
    public async Task Changed_content_is_updated_in_place_on_reimport()
    {
        CopyDemo();
        await ImportAsync(_content.Path);
        var file = Path.Combine(_content.Path, "parc-des-berges.project.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("Riverside Park redevelopment", "Riverside Park renewal", StringComparison.Ordinal));

        var report = await ImportAsync(_content.Path);

        Assert.Equal(["project:parc-des-berges"], report.Updated);
        Assert.Equal(["consultation:berges-2026"], report.Unchanged);
        await using var scope = Services.CreateAsyncScope();
        var project = await scope.ServiceProvider.GetRequiredService<IProjectStore>().GetAsync("parc-des-berges", CancellationToken.None);
        Assert.Equal("Riverside Park renewal", project!.Title.En);
    }

    [Fact]
    public async Task Consultation_of_an_unknown_project_is_reported_and_nothing_is_imported()
    {
        CopyDemo();
        File.Delete(Path.Combine(_content.Path, "parc-des-berges.project.yaml"));

        var projectLine = Array.FindIndex(File.ReadAllLines(Path.Combine(_content.Path, "berges-2026.consultation.yaml")), l => l.StartsWith("project:", StringComparison.Ordinal)) + 1;

        var report = await ImportAsync(_content.Path);

        var problem = Assert.Single(report.Problems);
        Assert.Equal(("berges-2026.consultation.yaml", projectLine, "project"), (problem.File, problem.Line, problem.Field));
        Assert.Contains("project 'parc-des-berges'", problem.Message, StringComparison.Ordinal);
        await using var scope = Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<IConsultationStore>().GetAsync("berges-2026", CancellationToken.None));
    }

    [Fact]
    public async Task Folder_with_a_problem_imports_nothing()
    {
        CopyDemo();
        var file = Path.Combine(_content.Path, "berges-2026.consultation.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("type: ranking", "type: podium", StringComparison.Ordinal));

        var report = await ImportAsync(_content.Path);

        Assert.False(report.Succeeded);
        Assert.Contains(report.Problems, p => p.Field.EndsWith(".type", StringComparison.Ordinal) && p.Message.Contains("podium", StringComparison.Ordinal));
        await using var scope = Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<IProjectStore>().GetAsync("parc-des-berges", CancellationToken.None));
    }

    [Fact]
    public void Missing_folder_is_a_problem_not_an_exception()
    {
        var problem = Assert.Single(ContentImporter.LoadFolder(Path.Combine(_content.Path, "nope")).Problems);
        Assert.Contains("not found", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_project_has_the_content_the_bot_needs()
    {
        var content = ContentImporter.LoadFolder(ContentImporter.DemoContentFolder);
        var project = Assert.Single(content.Projects);

        Assert.Equal("parc-des-berges", project.Slug);
        Assert.True(project.Timeline.Count >= 5);
        var current = Assert.Single(project.Timeline, p => p.Status == PhaseStatus.Current);
        Assert.Equal(current.Id, project.CurrentPhaseId);
        Assert.True(current.Start <= DateOnly.FromDateTime(Today.Date) && DateOnly.FromDateTime(Today.Date) <= current.End);
        Assert.True(project.KeyDates.Count(k => k.RegistrationLink is not null) >= 3);
        Assert.True(project.KeyDates.Count(k => k.Start > Today) >= 3);
        Assert.True(project.News.Count >= 3);
        Assert.True(project.Listeners.Count >= 3);
        Assert.True(project.Faq.Count >= 10);
        Assert.Null(project.Results.Interim);
        Assert.Null(project.Results.Final);
        Assert.NotNull(project.Results.ExpectedOn);
        Assert.False(string.IsNullOrWhiteSpace(project.HowInputIsUsed.Fr));
        Assert.All(project.Faq, f => Assert.NotEqual(f.Question.Fr, f.Question.En));
    }

    [Fact]
    public void Demo_consultation_is_open_now_and_uses_every_question_type()
    {
        var consultation = Assert.Single(ContentImporter.LoadFolder(ContentImporter.DemoContentFolder).Consultations);

        Assert.True(consultation.IsOpenAt(Today));
        Assert.True(consultation.IsOpenAt(new DateTimeOffset(2027, 1, 15, 22, 0, 0, TimeSpan.FromHours(-5))));
        Assert.False(consultation.IsOpenAt(new DateTimeOffset(2027, 1, 16, 0, 0, 0, TimeSpan.FromHours(-5))));
        Assert.True(consultation.Questions.Count >= 10);
        Assert.Equal(Enum.GetValues<QuestionType>(), consultation.Questions.Select(q => q.Type).Distinct().Order());
        Assert.Contains(consultation.Questions, q => q.ShowIf is not null);
        Assert.Equal("2026-11-v1", consultation.Consent.Version);
    }

    [Fact]
    public void Demo_show_if_rules_evaluate_against_answers()
    {
        var consultation = Assert.Single(ContentImporter.LoadFolder(ContentImporter.DemoContentFolder).Consultations);

        Assert.True(consultation.FindQuestion("why-not")!.ShowIf!.IsSatisfiedBy(new ChoiceAnswer("never")));
        Assert.False(consultation.FindQuestion("why-not")!.ShowIf!.IsSatisfiedBy(new ChoiceAnswer("daily")));
        Assert.True(consultation.FindQuestion("dog-run-location")!.ShowIf!.IsSatisfiedBy(new MultiChoiceAnswer(["walk", "dog"])));
        Assert.False(consultation.FindQuestion("dog-run-location")!.ShowIf!.IsSatisfiedBy(null));
        Assert.True(consultation.FindQuestion("splash-pad-concern")!.ShowIf!.IsSatisfiedBy(new YesNoAnswer(false)));
        Assert.False(consultation.FindQuestion("splash-pad-concern")!.ShowIf!.IsSatisfiedBy(new YesNoAnswer(true)));
    }

    private async Task<ImportReport> ImportAsync(string folder)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportFolderAsync(folder, CancellationToken.None);
    }

    private async Task<(string?, string?)> ReadETagsAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var project = await scope.ServiceProvider.GetRequiredService<IProjectStore>().GetAsync("parc-des-berges", CancellationToken.None);
        var consultation = await scope.ServiceProvider.GetRequiredService<IConsultationStore>().GetAsync("berges-2026", CancellationToken.None);
        return (project?.ETag, consultation?.ETag);
    }

    private void CopyDemo()
    {
        foreach (var file in Directory.GetFiles(ContentImporter.DemoContentFolder))
        {
            File.Copy(file, Path.Combine(_content.Path, Path.GetFileName(file)));
        }
    }
}
