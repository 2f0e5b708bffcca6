using EngagementBot.Storage.Domain;
using Microsoft.Extensions.Logging;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EngagementBot.Storage.Content;

/// <summary>Projects and consultations read from a content folder, with every problem found.</summary>
/// <param name="Projects">Valid projects.</param>
/// <param name="Consultations">Valid consultations.</param>
/// <param name="Problems">Every problem, with file, line and field.</param>
public sealed record ContentSet(IReadOnlyList<Project> Projects, IReadOnlyList<Consultation> Consultations, IReadOnlyList<ImportProblem> Problems)
{
    /// <summary>Where each consultation names its project, to report a project that does not exist.</summary>
    internal IReadOnlyList<(string ProjectSlug, string File, int Line, int Column, string Field)> ProjectReferences { get; init; } = [];
}

/// <summary>
/// Imports projects and consultations authored as YAML (<c>*.yaml</c>, <c>*.yml</c>; JSON is YAML too:
/// <c>*.json</c>). Every file of the folder (and its sub-folders) is validated first and every problem is
/// reported with file, line and field; only a folder without problems is imported, in one transaction.
/// Import is idempotent: an existing item is replaced (keeping optimistic concurrency) only if its content
/// changed. A file holds one or more documents (<c>---</c>), each a project (<c>kind: project</c>, or a
/// <c>slug</c>) or a consultation (<c>kind: consultation</c>, or <c>questions</c>).
/// </summary>
public sealed class ContentImporter(
    IProjectStore projects,
    IConsultationStore consultations,
    IStorageUnitOfWork unitOfWork,
    ILogger<ContentImporter> logger)
{
    /// <summary>Time zone of local dates and times when a file does not say (<c>time-zone:</c>).</summary>
    public const string DefaultTimeZone = "America/Toronto";

    /// <summary>The demo content shipped next to the assembly (Rivière-Claire, Parc des Berges).</summary>
    public static string DemoContentFolder => Path.Combine(AppContext.BaseDirectory, "Content", "Demo");

    /// <summary>Validates then imports every content file of <paramref name="folder"/>, with its dates as authored.</summary>
    public Task<ImportReport> ImportFolderAsync(string folder, CancellationToken cancellationToken) =>
        ImportFolderAsync(folder, DemoTimeline.AsAuthored, cancellationToken);

    /// <summary>
    /// Validates then imports every content file of <paramref name="folder"/>, reading the dates of documents with a
    /// <c>demo-anchor</c> as <paramref name="timeline"/> says (the demo seeding moves them to the present).
    /// </summary>
    public async Task<ImportReport> ImportFolderAsync(string folder, DemoTimeline timeline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var content = LoadFolder(folder, timeline);
        var problems = content.Problems.ToList();
        var known = content.Projects.Select(p => p.Slug).ToHashSet(StringComparer.Ordinal);
        foreach (var reference in content.ProjectReferences.Where(r => !known.Contains(r.ProjectSlug)))
        {
            if (await projects.GetAsync(reference.ProjectSlug, cancellationToken) is null)
            {
                problems.Add(new ImportProblem(reference.File, reference.Line, reference.Column, reference.Field,
                    $"project '{reference.ProjectSlug}' is neither in this folder nor already imported."));
            }
        }

        if (problems.Count > 0)
        {
            logger.LogWarning("Content import of {Folder} found {Count} problems; nothing imported", folder, problems.Count);
            return new ImportReport(problems, [], [], []);
        }

        var created = new List<string>();
        var updated = new List<string>();
        var unchanged = new List<string>();
        await using (var transaction = await unitOfWork.BeginAsync(cancellationToken))
        {
            foreach (var project in content.Projects)
            {
                var existing = await projects.GetAsync(project.Slug, cancellationToken);
                var outcome = Classify($"project:{project.Slug}", existing is null ? null : existing with { ETag = null }, project, created, updated, unchanged);
                if (outcome)
                {
                    await projects.SaveAsync(project with { ETag = existing?.ETag }, cancellationToken);
                }
            }

            foreach (var consultation in content.Consultations)
            {
                var existing = await consultations.GetAsync(consultation.Id, cancellationToken);
                var outcome = Classify($"consultation:{consultation.Id}", existing is null ? null : existing with { ETag = null }, consultation, created, updated, unchanged);
                if (outcome)
                {
                    await consultations.SaveAsync(consultation with { ETag = existing?.ETag }, cancellationToken);
                }
            }

            await transaction.CommitAsync(cancellationToken);
        }

        logger.LogInformation(
            "Content import of {Folder}: {Created} created, {Updated} updated, {Unchanged} unchanged",
            folder, created.Count, updated.Count, unchanged.Count);
        return new ImportReport([], created, updated, unchanged);
    }

    /// <summary>Reads and validates every content file of a folder without touching any store, dates as authored.</summary>
    public static ContentSet LoadFolder(string folder) => LoadFolder(folder, DemoTimeline.AsAuthored);

    /// <summary>Reads and validates every content file of a folder without touching any store, dates read as <paramref name="timeline"/> says.</summary>
    public static ContentSet LoadFolder(string folder, DemoTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var problems = new List<ImportProblem>();
        var projectList = new List<Project>();
        var consultationList = new List<Consultation>();
        if (!Directory.Exists(folder))
        {
            problems.Add(new ImportProblem(folder, 0, 0, string.Empty, "content folder not found."));
            return new ContentSet(projectList, consultationList, problems);
        }

        var files = Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".yaml" or ".yml" or ".json")
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            problems.Add(new ImportProblem(folder, 0, 0, string.Empty, "no content files (*.yaml, *.yml, *.json) in the folder."));
        }

        var projectPlaces = new Dictionary<string, string>(StringComparer.Ordinal);
        var consultationPlaces = new Dictionary<string, string>(StringComparer.Ordinal);
        var projectReferences = new List<(string, string, int, int, string)>();
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(folder, file);
            var sink = new ProblemSink(relative, problems);
            foreach (var (document, index) in ReadDocuments(file, sink))
            {
                var path = index == 0 ? string.Empty : $"document[{index}]";
                var fields = YamlFields.Of(document, path, sink, TimeZoneInfo.Utc);
                if (fields is null)
                {
                    continue;
                }

                fields.TimeZone = ReadTimeZone(fields);
                fields.DateShiftDays = timeline.ShiftDays(fields.Date("demo-anchor"), fields.TimeZone);
                switch (ReadKind(fields))
                {
                    case "project":
                        if (ProjectParser.Parse(fields) is { } project && Unique(projectPlaces, project.Slug, "project", fields, "slug"))
                        {
                            projectList.Add(project);
                        }

                        break;
                    case "consultation":
                        if (ConsultationParser.Parse(fields) is { } consultation && Unique(consultationPlaces, consultation.Id, "consultation", fields, "id"))
                        {
                            consultationList.Add(consultation);
                            var projectNode = fields.Raw("project")!;
                            projectReferences.Add((consultation.ProjectSlug, relative, (int)projectNode.Start.Line, (int)projectNode.Start.Column, fields.FieldPath("project")));
                        }

                        break;
                    default:
                        break;
                }
            }
        }

        return new ContentSet(projectList, consultationList, problems) { ProjectReferences = projectReferences };
    }

    private static bool Classify<T>(string name, T? existing, T incoming, List<string> created, List<string> updated, List<string> unchanged)
        where T : class
    {
        if (existing is null)
        {
            created.Add(name);
            return true;
        }

        if (StorageJson.Serialize(existing) == StorageJson.Serialize(incoming))
        {
            unchanged.Add(name);
            return false;
        }

        updated.Add(name);
        return true;
    }

    private static bool Unique(Dictionary<string, string> places, string id, string what, YamlFields fields, string key)
    {
        var node = fields.Raw(key);
        var place = $"{fields.Problems.File} line {node?.Start.Line}";
        if (places.TryAdd(id, place))
        {
            return true;
        }

        fields.Problems.Add(node, fields.FieldPath(key), $"duplicate {what} '{id}' (also defined at {places[id]}).");
        return false;
    }

    private static IEnumerable<(YamlNode Document, int Index)> ReadDocuments(string file, ProblemSink sink)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(file);
        var parser = new Parser(reader);
        try
        {
            stream.Load(parser);
        }
        catch (YamlException ex)
        {
            sink.AddAt((int)ex.Start.Line, (int)ex.Start.Column, string.Empty, $"not valid YAML: {ex.Message}");
            return [];
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner throws this for a few malformed inputs; the last parsed event gives the place.
            var mark = parser.Current?.End;
            sink.AddAt((int)(mark?.Line ?? 0), (int)(mark?.Column ?? 0), string.Empty, $"not valid YAML near here ({ex.Message}); check brackets and quotes.");
            return [];
        }

        if (stream.Documents.Count == 0)
        {
            sink.Add(null, string.Empty, "the file is empty.");
        }

        return stream.Documents.Select((d, i) => (d.RootNode, i)).ToList();
    }

    private static TimeZoneInfo ReadTimeZone(YamlFields fields)
    {
        var name = fields.Text("time-zone", required: false) ?? DefaultTimeZone;
        if (TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone))
        {
            return zone;
        }

        fields.Problems.Add(fields.Raw("time-zone"), fields.FieldPath("time-zone"), $"unknown time zone '{name}': use an IANA name such as America/Toronto.");
        return TimeZoneInfo.Utc;
    }

    private static string? ReadKind(YamlFields fields)
    {
        var kind = fields.Text("kind", required: false);
        kind ??= fields.Has("questions") ? "consultation" : fields.Has("slug") ? "project" : null;
        if (kind is "project" or "consultation")
        {
            return kind;
        }

        fields.Problems.Add(fields.Raw("kind") ?? fields.Node, fields.FieldPath("kind"),
            kind is null ? "cannot tell what this document is: add 'kind: project' or 'kind: consultation'." : $"unknown kind '{kind}': use project or consultation.");
        return null;
    }
}
