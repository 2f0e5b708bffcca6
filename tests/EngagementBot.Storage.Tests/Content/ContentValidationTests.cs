using EngagementBot.Storage.Content;

namespace EngagementBot.Storage.Tests.Content;

/// <summary>
/// Each kind of content error is reported with its file, line and field. In the YAML below, the line the
/// problem must point at carries the comment <c>#!</c>.
/// </summary>
public sealed class ContentValidationTests : IDisposable
{
    private const string ValidProject = """
        kind: project
        slug: parc
        title: { fr: "Parc", en: "Park" }
        description: { fr: "Desc", en: "Desc" }
        how-input-is-used: { fr: "Lu", en: "Read" }
        timeline:
          - id: now
            title: { fr: "Maintenant", en: "Now" }
            start: 2026-11-01
            status: current
        """;

    private const string Header = """
        kind: consultation
        id: c1
        project: parc
        title: { fr: "Titre", en: "Title" }
        opens: 2026-11-01
        closes: 2027-01-15
        consent: { fr: "Oui?", en: "Yes?" }
        questions:
        """;

    private const string YesNo = """
          - id: q1
            type: yes-no
            prompt: { fr: "Q1", en: "Q1" }
        """;

    private readonly TempFolder _folder = new();

    public static TheoryData<string, string, string, string> ConsultationErrors => new()
    {
        { "unknown question type", Header + "\n  - id: q1\n    type: slider #!\n    prompt: { fr: \"Q\", en: \"Q\" }", "questions[0].type", "unknown question type 'slider'" },
        { "show-if to unknown question", Header + "\n" + YesNo + "\n  - id: q2\n    type: text\n    prompt: { fr: \"Q\", en: \"Q\" }\n    show-if: { question: nope, equals: x } #!", "questions[1].show-if.question", "unknown question 'nope'" },
        { "show-if to a later question", Header + "\n  - id: q0\n    type: text\n    prompt: { fr: \"Q\", en: \"Q\" }\n    show-if: { question: q1, equals: yes } #!\n" + YesNo, "questions[0].show-if.question", "unknown question 'q1'" },
        { "show-if value not an option", Header + "\n  - id: q1\n    type: choice\n    prompt: { fr: \"Q\", en: \"Q\" }\n    options: [ { id: a, fr: A, en: A }, { id: b, fr: B, en: B } ]\n  - id: q2\n    type: text\n    prompt: { fr: \"Q\", en: \"Q\" }\n    show-if: { question: q1, equals: maybe } #!", "questions[1].show-if.equals", "'maybe' is not an option" },
        { "show-if with two operators", Header + "\n" + YesNo + "\n  - id: q2\n    type: text\n    prompt: { fr: \"Q\", en: \"Q\" }\n    show-if: { question: q1, equals: yes, answered: true } #!", "questions[1].show-if.operator", "exactly one of" },
        { "missing French text", Header + "\n  - id: q1\n    type: yes-no\n    prompt: { en: \"Only English\" } #!", "questions[0].prompt.fr", "missing French text" },
        { "missing English option label", Header + "\n  - id: q1\n    type: choice\n    prompt: { fr: \"Q\", en: \"Q\" }\n    options:\n      - { id: a, fr: A, en: A }\n      - { id: b, fr: B } #!", "questions[0].options[1].en", "missing English text" },
        { "bad date", Header.Replace("opens: 2026-11-01", "opens: 2026-13-01 #!", StringComparison.Ordinal) + "\n" + YesNo, "opens", "not a valid date" },
        { "closes before opens", Header.Replace("closes: 2027-01-15", "closes: 2026-10-01 #!", StringComparison.Ordinal) + "\n" + YesNo, "closes", "closes must be after opens" },
        { "duplicate question id", Header + "\n" + YesNo + "\n  - id: q1 #!\n    type: text\n    prompt: { fr: \"Q\", en: \"Q\" }", "questions[1].id", "duplicate question id 'q1'" },
        { "duplicate option id", Header + "\n  - id: q1\n    type: choice\n    prompt: { fr: \"Q\", en: \"Q\" }\n    options:\n      - { id: a, fr: A, en: A }\n      - { id: a, fr: B, en: B } #!", "questions[0].options[1].id", "duplicate option id 'a'" },
        { "multi-choice min greater than max", Header + "\n  - id: q1\n    type: multi-choice\n    prompt: { fr: \"Q\", en: \"Q\" }\n    min: 3 #!\n    max: 2\n    options: [ { id: a, fr: A, en: A }, { id: b, fr: B, en: B }, { id: c, fr: C, en: C } ]", "questions[0].min", "min (3) is greater than max (2)" },
        { "number min greater than max", Header + "\n  - id: q1\n    type: number\n    prompt: { fr: \"Q\", en: \"Q\" }\n    min: 10 #!\n    max: 1", "questions[0].min", "is greater than max" },
        { "rating scale upside down", Header + "\n  - id: q1\n    type: rating\n    prompt: { fr: \"Q\", en: \"Q\" }\n    scale: { min: 5, max: 1 } #!", "questions[0].scale.min", "must be less than max" },
        { "date earliest after latest", Header + "\n  - id: q1\n    type: date\n    prompt: { fr: \"Q\", en: \"Q\" }\n    earliest: 2028-01-01 #!\n    latest: 2027-01-01", "questions[0].earliest", "is after latest" },
        { "text max-length out of range", Header + "\n  - id: q1\n    type: text\n    prompt: { fr: \"Q\", en: \"Q\" }\n    max-length: 0 #!", "questions[0].max-length", "between 1 and 10000" },
        { "too few options", Header + "\n  - id: q1\n    type: choice\n    prompt: { fr: \"Q\", en: \"Q\" }\n    options: [ { id: a, fr: A, en: A } ] #!", "questions[0].options", "at least two options" },
        { "unknown field", Header + "\n  - id: q1\n    type: yes-no\n    prompt: { fr: \"Q\", en: \"Q\" }\n    colour: red #!", "questions[0].colour", "unknown field 'colour'" },
        { "missing required field", Header.Replace("title: { fr: \"Titre\", en: \"Title\" }\n", string.Empty, StringComparison.Ordinal).Replace("kind: consultation", "kind: consultation #!", StringComparison.Ordinal) + "\n" + YesNo, "title", "missing French and English text" },
        { "invalid identifier", Header.Replace("id: c1", "id: Berges 2026 #!", StringComparison.Ordinal) + "\n" + YesNo, "id", "not a valid identifier" },
        { "unknown time zone", Header + "\n" + YesNo + "\ntime-zone: Mars/Olympus #!", "time-zone", "unknown time zone" },
    };

    public static TheoryData<string, string, string, string> ProjectErrors => new()
    {
        { "unknown phase status", ValidProject.Replace("status: current", "status: ongoing #!", StringComparison.Ordinal), "timeline[0].status", "unknown status 'ongoing'" },
        { "current phase not in timeline", ValidProject + "\ncurrent-phase: later #!", "current-phase", "not a phase of the timeline" },
        { "two current phases", ValidProject + "\n  - id: also-now\n    title: { fr: \"Aussi\", en: \"Also\" }\n    start: 2026-11-02\n    status: current #!", "timeline[1].status", "more than one phase" },
        { "bad demo anchor", ValidProject.Replace("slug: parc", "slug: parc\ndemo-anchor: 2026-02-30 #!", StringComparison.Ordinal), "demo-anchor", "not a valid date" },
        { "phase ends before it starts", ValidProject.Replace("start: 2026-11-01", "start: 2026-11-01\n    end: 2026-10-01 #!", StringComparison.Ordinal), "timeline[0].end", "is before start" },
        { "bad registration link", ValidProject + "\nkey-dates:\n  - id: kd\n    title: { fr: \"A\", en: \"W\" }\n    start: 2026-11-28T10:00\n    place: { fr: \"Ici\", en: \"Here\" }\n    registration-link: not-a-link #!", "key-dates[0].registration-link", "absolute http(s) link" },
        { "bad date-time", ValidProject + "\nkey-dates:\n  - id: kd\n    title: { fr: \"A\", en: \"W\" }\n    start: 28/11/2026 10h #!\n    place: { fr: \"Ici\", en: \"Here\" }", "key-dates[0].start", "not a valid date or date-time" },
        { "negative capacity", ValidProject + "\nkey-dates:\n  - id: kd\n    title: { fr: \"A\", en: \"W\" }\n    start: 2026-11-28T10:00\n    place: { fr: \"Ici\", en: \"Here\" }\n    capacity: -5 #!", "key-dates[0].capacity", "positive number" },
        { "duplicate FAQ id", ValidProject + "\nfaq:\n  - id: parking\n    question: { fr: \"Q\", en: \"Q\" }\n    answer: { fr: \"R\", en: \"A\" }\n  - id: parking #!\n    question: { fr: \"Q\", en: \"Q\" }\n    answer: { fr: \"R\", en: \"A\" }", "faq[1].id", "duplicate FAQ entry id 'parking'" },
        { "document of unknown kind", "title: { fr: \"?\", en: \"?\" } #!", "kind", "cannot tell what this document is" },
    };

    [Theory]
    [MemberData(nameof(ConsultationErrors))]
    public void Consultation_error_is_reported_with_file_line_and_field(string kind, string yaml, string field, string message)
    {
        AssertSingleKindOfProblem(kind, ("parc.yaml", ValidProject), ("c1.yaml", yaml), "c1.yaml", field, message);
    }

    [Theory]
    [MemberData(nameof(ProjectErrors))]
    public void Project_error_is_reported_with_file_line_and_field(string kind, string yaml, string field, string message)
    {
        AssertSingleKindOfProblem(kind, ("parc.yaml", yaml), null, "parc.yaml", field, message);
    }

    [Fact]
    public void Invalid_yaml_is_reported_with_its_line()
    {
        File.WriteAllText(Path.Combine(_folder.Path, "broken.yaml"), "kind: project\nslug: parc\ntitle: { fr: \"Parc\", en: \"Park\"\ndescription: x\n");

        var problem = Assert.Single(ContentImporter.LoadFolder(_folder.Path).Problems);

        Assert.Equal("broken.yaml", problem.File);
        Assert.InRange(problem.Line, 3, 5);
        Assert.Contains("not valid YAML", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_consultation_ids_across_files_are_reported_in_the_second_file()
    {
        File.WriteAllText(Path.Combine(_folder.Path, "a.yaml"), Header + "\n" + YesNo);
        File.WriteAllText(Path.Combine(_folder.Path, "b.yaml"), Header + "\n" + YesNo);
        File.WriteAllText(Path.Combine(_folder.Path, "parc.yaml"), ValidProject);

        var problem = Assert.Single(ContentImporter.LoadFolder(_folder.Path).Problems);

        Assert.Equal(("b.yaml", 2, "id"), (problem.File, problem.Line, problem.Field));
        Assert.Contains("duplicate consultation 'c1' (also defined at a.yaml line 2)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_of_every_file_is_reported_in_one_pass()
    {
        var consultation = Header.Replace("opens: 2026-11-01", "opens: soon", StringComparison.Ordinal)
            + "\n  - id: q1\n    type: slider\n    prompt: { fr: \"Q\" }\n  - id: q1\n    type: text\n    prompt: { fr: \"Q\", en: \"Q\" }\n    show-if: { question: ghost, answered: true }";
        File.WriteAllText(Path.Combine(_folder.Path, "c1.yaml"), consultation);
        File.WriteAllText(Path.Combine(_folder.Path, "parc.yaml"), ValidProject.Replace("status: current", "status: ongoing", StringComparison.Ordinal));

        var problems = ContentImporter.LoadFolder(_folder.Path).Problems;

        Assert.Equal(
            ["c1.yaml:opens", "c1.yaml:questions[0].prompt.en", "c1.yaml:questions[0].type", "c1.yaml:questions[1].id", "c1.yaml:questions[1].show-if.question", "parc.yaml:timeline[0].status"],
            problems.Select(p => $"{p.File}:{p.Field}").Order(StringComparer.Ordinal));
    }

    public void Dispose() => _folder.Dispose();

    private void AssertSingleKindOfProblem(string kind, (string Name, string Yaml) first, (string Name, string Yaml)? second, string file, string field, string message)
    {
        var files = second is null ? new[] { first } : [first, second.Value];
        foreach (var (name, yaml) in files)
        {
            File.WriteAllText(Path.Combine(_folder.Path, name), yaml);
        }

        var offending = files.Single(f => f.Name == file).Yaml.Split('\n');
        var expectedLine = Array.FindIndex(offending, l => l.Contains("#!", StringComparison.Ordinal)) + 1;
        Assert.True(expectedLine > 0, $"test case '{kind}' must mark its line with #!");

        var problems = ContentImporter.LoadFolder(_folder.Path).Problems;

        var problem = Assert.Single(problems);
        Assert.Equal((file, expectedLine, field), (problem.File, problem.Line, problem.Field));
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.True(problem.Column > 0);
    }
}
