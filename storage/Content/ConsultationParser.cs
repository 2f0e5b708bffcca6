using System.Security.Cryptography;
using System.Text;
using EngagementBot.Storage.Domain;

namespace EngagementBot.Storage.Content;

/// <summary>Reads and validates a consultation document and its questions.</summary>
internal static class ConsultationParser
{
    private static readonly string[] ShowIfOperators = ["equals", "not-equals", "answered", "not-answered", "contains"];

    private const string QuestionTypes = "choice, multi-choice, rating, yes-no, number, text, date, ranking";

    public static Consultation? Parse(YamlFields doc)
    {
        var before = doc.Problems.Count;
        var id = doc.Id();
        var project = doc.Id("project");
        var title = doc.Localized("title");
        var introduction = doc.Localized("introduction", required: false);
        var opens = doc.Instant("opens", required: true);
        var closes = doc.Instant("closes", required: true, endOfDay: true);
        if (opens is not null && closes is not null && closes <= opens)
        {
            doc.Problems.Add(doc.Raw("closes"), doc.FieldPath("closes"), "closes must be after opens.");
        }

        var consent = ParseConsent(doc);
        var questions = new List<Question>();
        var questionIds = new UniqueIds(doc.Problems, "question");
        var declared = new List<(string Id, YamlFields Item)>();
        foreach (var (item, _) in doc.Items("questions", required: true))
        {
            // Answer bounds (a date question's earliest and latest) belong to the questionnaire, not to the timeline:
            // a fresh demo timeline leaves them as authored.
            item.DateShiftDays = 0;
            var question = ParseQuestion(item, questionIds, declared, questions);
            if (question is not null)
            {
                questions.Add(question);
            }
        }

        if (doc.Raw("questions") is not null && declared.Count == 0)
        {
            doc.Problems.Add(doc.Raw("questions"), doc.FieldPath("questions"), "a consultation needs at least one question.");
        }

        doc.ReportUnknownKeys();
        if (doc.Problems.Count > before || id is null || project is null || title is null || opens is null || closes is null || consent is null)
        {
            return null;
        }

        return new Consultation
        {
            Id = id,
            ProjectSlug = project,
            Title = title,
            Introduction = introduction,
            OpensAt = opens.Value,
            ClosesAt = closes.Value,
            Consent = consent,
            Questions = questions,
        };
    }

    private static ConsentText? ParseConsent(YamlFields doc)
    {
        var consent = doc.Mapping("consent", required: true);
        if (consent is null)
        {
            return null;
        }

        var text = consent.InlineLocalized();
        var version = consent.Text("version", required: false);
        var link = consent.Link("link");
        var keep = consent.Bool("keep-anonymous-aggregates") ?? false;
        consent.ReportUnknownKeys();
        if (text is null)
        {
            return null;
        }

        // Without an explicit version, the version is derived from the text: any wording change is a new version.
        version ??= "sha256-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.Fr + "\n" + text.En)))[..12];
        return new ConsentText { Version = version, Text = text, Link = link, KeepAnonymousAggregates = keep };
    }

    private static Question? ParseQuestion(YamlFields item, UniqueIds ids, List<(string Id, YamlFields Item)> declared, List<Question> earlier)
    {
        var before = item.Problems.Count;
        var id = item.Id();
        ids.Check(id, item, "id");
        var type = item.Text("type", what: $"a question type ({QuestionTypes})");
        var prompt = item.Localized("prompt");
        var help = item.Localized("help", required: false);
        var optional = item.Bool("optional") ?? false;
        var showIf = ParseShowIf(item, id, declared, earlier);

        Question? question = type switch
        {
            null => null,
            "choice" => WithOptions(item, options => new ChoiceQuestion { Id = "", Prompt = Placeholder, Options = options }),
            "multi-choice" => ParseMultiChoice(item),
            "ranking" => ParseRanking(item),
            "rating" => ParseRating(item),
            "yes-no" => new YesNoQuestion { Id = "", Prompt = Placeholder },
            "number" => ParseNumber(item),
            "text" => ParseText(item),
            "date" => ParseDate(item),
            _ => Unknown(item, type),
        };

        item.ReportUnknownKeys();
        if (id is not null)
        {
            declared.Add((id, item));
        }

        if (question is null || id is null || prompt is null || item.Problems.Count > before)
        {
            return null;
        }

        return question with { Id = id, Prompt = prompt, Help = help, Optional = optional, ShowIf = showIf };
    }

    private static readonly LocalizedText Placeholder = new(string.Empty, string.Empty);

    private static Question? Unknown(YamlFields item, string type)
    {
        item.Problems.Add(item.Raw("type"), item.FieldPath("type"), $"unknown question type '{type}': use one of {QuestionTypes}.");
        return null;
    }

    private static T? WithOptions<T>(YamlFields item, Func<IReadOnlyList<QuestionOption>, T> create)
        where T : class
    {
        var options = new List<QuestionOption>();
        var optionIds = new UniqueIds(item.Problems, "option");
        var count = 0;
        foreach (var (option, _) in item.Items("options", required: true))
        {
            count++;
            var optionId = option.Id();
            optionIds.Check(optionId, option, "id");
            var label = option.InlineLocalized();
            option.ReportUnknownKeys();
            if (optionId is not null && label is not null)
            {
                options.Add(new QuestionOption(optionId, label));
            }
        }

        if (item.Raw("options") is not null && count < 2)
        {
            item.Problems.Add(item.Raw("options"), item.FieldPath("options"), "give at least two options.");
        }

        return options.Count == count && count >= 2 ? create(options) : null;
    }

    private static MultiChoiceQuestion? ParseMultiChoice(YamlFields item)
    {
        var min = item.Int("min");
        var max = item.Int("max");
        var question = WithOptions(item, options => new MultiChoiceQuestion { Id = "", Prompt = Placeholder, Options = options });
        if (min is < 0)
        {
            item.Problems.Add(item.Raw("min"), item.FieldPath("min"), "min cannot be negative.");
        }

        if (max is < 1)
        {
            item.Problems.Add(item.Raw("max"), item.FieldPath("max"), "max must be at least 1.");
        }

        if (min is not null && max is not null && min > max)
        {
            item.Problems.Add(item.Raw("min"), item.FieldPath("min"), $"min ({min}) is greater than max ({max}).");
        }

        if (question is not null && max is not null && max > question.Options.Count)
        {
            item.Problems.Add(item.Raw("max"), item.FieldPath("max"), $"max ({max}) is more than the {question.Options.Count} options.");
        }

        return question is null ? null : question with { MinSelections = min ?? 1, MaxSelections = max };
    }

    private static RankingQuestion? ParseRanking(YamlFields item)
    {
        var rankCount = item.Int("rank-count");
        var question = WithOptions(item, options => new RankingQuestion { Id = "", Prompt = Placeholder, Options = options });
        if (question is not null && rankCount is not null && (rankCount < 1 || rankCount > question.Options.Count))
        {
            item.Problems.Add(item.Raw("rank-count"), item.FieldPath("rank-count"), $"rank-count must be between 1 and the {question.Options.Count} options.");
        }

        return question is null ? null : question with { RankCount = rankCount };
    }

    private static RatingQuestion? ParseRating(YamlFields item)
    {
        var scale = item.Mapping("scale");
        var min = scale?.Int("min") ?? 1;
        var max = scale?.Int("max") ?? 5;
        scale?.ReportUnknownKeys();
        if (min >= max)
        {
            item.Problems.Add(item.Raw("scale"), item.FieldPath("scale.min"), $"scale min ({min}) must be less than max ({max}).");
        }
        else if (max - min > 10)
        {
            item.Problems.Add(item.Raw("scale"), item.FieldPath("scale"), "a rating scale has at most 11 points.");
        }

        var labels = new Dictionary<int, LocalizedText>();
        var labelsNode = item.Mapping("labels");
        if (labelsNode is not null)
        {
            foreach (var (keyNode, _) in labelsNode.Node.Children)
            {
                var key = (keyNode as YamlDotNet.RepresentationModel.YamlScalarNode)?.Value ?? string.Empty;
                var label = labelsNode.Localized(key);
                if (!int.TryParse(key, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < min || value > max)
                {
                    item.Problems.Add(keyNode, labelsNode.FieldPath(key), $"label key '{key}' is not a point of the scale {min}–{max}.");
                }
                else if (label is not null)
                {
                    labels[value] = label;
                }

            }
        }

        return new RatingQuestion { Id = "", Prompt = Placeholder, ScaleMin = min, ScaleMax = max, Labels = labels };
    }

    private static NumberQuestion ParseNumber(YamlFields item)
    {
        var min = item.Decimal("min");
        var max = item.Decimal("max");
        var decimals = item.Int("decimals") ?? 0;
        if (min is not null && max is not null && min > max)
        {
            item.Problems.Add(item.Raw("min"), item.FieldPath("min"), $"min ({min}) is greater than max ({max}).");
        }

        if (decimals is < 0 or > 6)
        {
            item.Problems.Add(item.Raw("decimals"), item.FieldPath("decimals"), "decimals must be between 0 and 6.");
        }

        return new NumberQuestion { Id = "", Prompt = Placeholder, Min = min, Max = max, Decimals = decimals };
    }

    private static TextQuestion ParseText(YamlFields item)
    {
        var maxLength = item.Int("max-length") ?? 1000;
        if (maxLength is < 1 or > 10_000)
        {
            item.Problems.Add(item.Raw("max-length"), item.FieldPath("max-length"), "max-length must be between 1 and 10000 characters.");
        }

        return new TextQuestion { Id = "", Prompt = Placeholder, MaxLength = maxLength };
    }

    private static DateQuestion ParseDate(YamlFields item)
    {
        var earliest = item.Date("earliest");
        var latest = item.Date("latest");
        if (earliest is not null && latest is not null && earliest > latest)
        {
            item.Problems.Add(item.Raw("earliest"), item.FieldPath("earliest"), $"earliest ({earliest:yyyy-MM-dd}) is after latest ({latest:yyyy-MM-dd}).");
        }

        return new DateQuestion { Id = "", Prompt = Placeholder, Earliest = earliest, Latest = latest };
    }

    private static ShowIfRule? ParseShowIf(YamlFields item, string? ownId, List<(string Id, YamlFields Item)> declared, List<Question> earlier)
    {
        var showIf = item.Mapping("show-if");
        if (showIf is null)
        {
            return null;
        }

        var target = showIf.Id("question");
        var present = ShowIfOperators.Where(showIf.Has).ToList();
        var values = ShowIfOperators.ToDictionary(o => o, o => o is "answered" or "not-answered" ? null : showIf.Text(o, required: false));
        foreach (var flag in new[] { "answered", "not-answered" })
        {
            if (showIf.Has(flag) && showIf.Bool(flag) is false)
            {
                showIf.Problems.Add(showIf.Raw(flag), showIf.FieldPath(flag), $"write '{flag}: true' (use the opposite operator instead of false).");
            }
        }

        showIf.ReportUnknownKeys();
        if (present.Count != 1)
        {
            showIf.Problems.Add(showIf.Node, showIf.FieldPath("operator"), $"give exactly one of {string.Join(", ", ShowIfOperators)}.");
            return null;
        }

        if (target is null)
        {
            return null;
        }

        if (target == ownId)
        {
            showIf.Problems.Add(showIf.Raw("question"), showIf.FieldPath("question"), "a question cannot depend on itself.");
            return null;
        }

        if (!declared.Any(d => d.Id == target))
        {
            showIf.Problems.Add(showIf.Raw("question"), showIf.FieldPath("question"),
                $"show-if refers to unknown question '{target}': it must be the id of an earlier question.");
            return null;
        }

        var op = present[0];
        var value = values[op];
        var targetQuestion = earlier.FirstOrDefault(q => q.Id == target);
        if (targetQuestion is not null && value is not null)
        {
            CheckShowIfValue(showIf, op, value, targetQuestion);
        }

        return new ShowIfRule(target, op switch
        {
            "equals" => ShowIfOperator.EqualTo,
            "not-equals" => ShowIfOperator.NotEqualTo,
            "answered" => ShowIfOperator.Answered,
            "not-answered" => ShowIfOperator.NotAnswered,
            _ => ShowIfOperator.Contains,
        }, value);
    }

    private static void CheckShowIfValue(YamlFields showIf, string op, string value, Question target)
    {
        var field = showIf.FieldPath(op);
        var node = showIf.Raw(op);
        switch (target)
        {
            case OptionsQuestion options when !options.HasOption(value):
                showIf.Problems.Add(node, field, $"'{value}' is not an option of question '{target.Id}' ({string.Join(", ", options.Options.Select(o => o.Id))}).");
                break;
            case ChoiceQuestion when op == "contains":
                showIf.Problems.Add(node, field, $"question '{target.Id}' takes one option: use equals instead of contains.");
                break;
            case YesNoQuestion when value is not ("yes" or "no"):
                showIf.Problems.Add(node, field, $"question '{target.Id}' is yes-no: compare with 'yes' or 'no'.");
                break;
            case YesNoQuestion or RatingQuestion or NumberQuestion or DateQuestion when op == "contains":
                showIf.Problems.Add(node, field, $"contains applies to multi-choice, ranking and text questions, not to '{target.Id}'.");
                break;
            default:
                break;
        }
    }
}
