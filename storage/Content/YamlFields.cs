using System.Globalization;
using System.Text.RegularExpressions;
using EngagementBot.Storage.Domain;
using YamlDotNet.RepresentationModel;

namespace EngagementBot.Storage.Content;

/// <summary>Collects the problems of one content file, each with line, column and field path.</summary>
internal sealed class ProblemSink(string file, List<ImportProblem> problems)
{
    public string File { get; } = file;

    public int Count => problems.Count;

    public void AddAt(int line, int column, string field, string message) =>
        problems.Add(new ImportProblem(File, line, column, field, message));

    public void Add(YamlNode? node, string field, string message) =>
        problems.Add(new ImportProblem(File, node is null ? 0 : (int)node.Start.Line, node is null ? 0 : (int)node.Start.Column, field, message));
}

/// <summary>
/// A YAML mapping read field by field: typed accessors report a problem (and return null) instead of
/// throwing, so one pass finds every problem; <see cref="ReportUnknownKeys"/> flags keys nobody read (typos).
/// </summary>
internal sealed partial class YamlFields
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public YamlFields(YamlMappingNode node, string path, ProblemSink problems, TimeZoneInfo timeZone)
    {
        Node = node;
        Path = path;
        Problems = problems;
        TimeZone = timeZone;
    }

    public YamlMappingNode Node { get; }

    public string Path { get; }

    public ProblemSink Problems { get; }

    public TimeZoneInfo TimeZone { get; set; }

    /// <summary>
    /// Days added to every date and instant read here and in nested fields (0: as authored). Set on a document read
    /// with a fresh demo timeline (<see cref="DemoTimeline"/>); local dates and times are moved before they are
    /// placed in <see cref="TimeZone"/>, so times of day stay as written across daylight-saving changes.
    /// </summary>
    public int DateShiftDays { get; set; }

    /// <summary>Reads a node that is a mapping, reporting it otherwise.</summary>
    public static YamlFields? Of(YamlNode node, string path, ProblemSink problems, TimeZoneInfo timeZone)
    {
        if (node is YamlMappingNode mapping)
        {
            return new YamlFields(mapping, path, problems, timeZone);
        }

        problems.Add(node, path, "expected a mapping of fields (key: value).");
        return null;
    }

    public string FieldPath(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public bool Has(string key) => Node.Children.ContainsKey(new YamlScalarNode(key));

    public YamlNode? Raw(string key)
    {
        _read.Add(key);
        return Node.Children.TryGetValue(new YamlScalarNode(key), out var value) && !IsNull(value) ? value : null;
    }

    public YamlNode? Required(string key, string what)
    {
        var node = Raw(key);
        if (node is null)
        {
            Problems.Add(Node, FieldPath(key), $"missing {what}: add '{key}:'.");
        }

        return node;
    }

    public string? Text(string key, bool required = true, string? what = null)
    {
        var node = required ? Required(key, what ?? key) : Raw(key);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlScalarNode scalar || string.IsNullOrWhiteSpace(scalar.Value))
        {
            Problems.Add(node, FieldPath(key), $"expected a non-empty text for '{key}'.");
            return null;
        }

        return scalar.Value.Trim();
    }

    public string? Id(string key = "id", bool required = true)
    {
        var value = Text(key, required, "an identifier");
        if (value is not null && !IdPattern().IsMatch(value))
        {
            Problems.Add(Raw(key), FieldPath(key), $"'{value}' is not a valid identifier: use lowercase letters, digits and hyphens (e.g. 'bike-paths').");
            return null;
        }

        return value;
    }

    /// <summary>A <c>{ fr: …, en: … }</c> field.</summary>
    public LocalizedText? Localized(string key, bool required = true)
    {
        var node = required ? Required(key, "French and English text") : Raw(key);
        if (node is null)
        {
            return null;
        }

        var fields = Nested(node, FieldPath(key));
        if (fields is null)
        {
            return null;
        }

        var text = fields.InlineLocalized();
        fields.ReportUnknownKeys();
        return text;
    }

    /// <summary>The <c>fr</c> and <c>en</c> keys of this very mapping (e.g. an option <c>{ id, fr, en }</c>).</summary>
    public LocalizedText? InlineLocalized()
    {
        var fr = LanguageText("fr", "French");
        var en = LanguageText("en", "English");
        return fr is null || en is null ? null : new LocalizedText(fr, en);
    }

    public bool? Bool(string key)
    {
        var node = Raw(key);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode scalar && bool.TryParse(scalar.Value, out var value))
        {
            return value;
        }

        Problems.Add(node, FieldPath(key), "expected true or false.");
        return null;
    }

    public int? Int(string key, bool required = false)
    {
        var node = required ? Required(key, "a whole number") : Raw(key);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode scalar && int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Problems.Add(node, FieldPath(key), "expected a whole number.");
        return null;
    }

    public decimal? Decimal(string key)
    {
        var node = Raw(key);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode scalar && decimal.TryParse(scalar.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Problems.Add(node, FieldPath(key), "expected a number (use '.' for decimals).");
        return null;
    }

    public Uri? Link(string key)
    {
        var node = Raw(key);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode scalar && Uri.TryCreate(scalar.Value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            return uri;
        }

        Problems.Add(node, FieldPath(key), "expected an absolute http(s) link, e.g. 'https://example.org/page'.");
        return null;
    }

    /// <summary>A calendar date written <c>yyyy-MM-dd</c>.</summary>
    public DateOnly? Date(string key, bool required = false)
    {
        var node = required ? Required(key, "a date (yyyy-MM-dd)") : Raw(key);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode scalar && DateOnly.TryParseExact(scalar.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date.AddDays(DateShiftDays);
        }

        Problems.Add(node, FieldPath(key), $"'{(node as YamlScalarNode)?.Value}' is not a valid date: write yyyy-MM-dd, e.g. 2026-11-28.");
        return null;
    }

    /// <summary>
    /// An instant: <c>yyyy-MM-ddTHH:mm[:ss]</c> with an offset (<c>Z</c>, <c>-05:00</c>) is taken as is; without
    /// one it is local time in the file's <c>time-zone</c>. A date alone means the start of that day, or the
    /// end of it (next midnight) with <paramref name="endOfDay"/>.
    /// </summary>
    public DateTimeOffset? Instant(string key, bool required = false, bool endOfDay = false)
    {
        var node = required ? Required(key, "a date or date-time") : Raw(key);
        if (node is null)
        {
            return null;
        }

        var text = (node as YamlScalarNode)?.Value ?? string.Empty;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var local = date.AddDays(DateShiftDays).ToDateTime(TimeOnly.MinValue);
            if (endOfDay)
            {
                local = local.AddDays(1);
            }

            return new DateTimeOffset(local, TimeZone.GetUtcOffset(local));
        }

        string[] localFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];
        if (DateTime.TryParseExact(text, localFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var localTime))
        {
            localTime = localTime.AddDays(DateShiftDays);
            return new DateTimeOffset(localTime, TimeZone.GetUtcOffset(localTime));
        }

        if (OffsetPattern().IsMatch(text) &&
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return instant.AddDays(DateShiftDays);
        }

        Problems.Add(node, FieldPath(key), $"'{text}' is not a valid date or date-time: write 2026-11-28, 2026-11-28T19:00 or 2026-11-28T19:00-05:00.");
        return null;
    }

    /// <summary>The mappings of a sequence field, with their paths.</summary>
    public IEnumerable<(YamlFields Item, int Index)> Items(string key, bool required = false)
    {
        var node = required ? Required(key, "a list") : Raw(key);
        if (node is null)
        {
            yield break;
        }

        if (node is not YamlSequenceNode sequence)
        {
            Problems.Add(node, FieldPath(key), "expected a list (items starting with '- ').");
            yield break;
        }

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var item = Nested(sequence.Children[i], $"{FieldPath(key)}[{i}]");
            if (item is not null)
            {
                yield return (item, i);
            }
        }
    }

    /// <summary>A nested mapping field.</summary>
    public YamlFields? Mapping(string key, bool required = false)
    {
        var node = required ? Required(key, "a mapping") : Raw(key);
        return node is null ? null : Nested(node, FieldPath(key));
    }

    private YamlFields? Nested(YamlNode node, string path)
    {
        var fields = Of(node, path, Problems, TimeZone);
        if (fields is not null)
        {
            fields.DateShiftDays = DateShiftDays;
        }

        return fields;
    }

    /// <summary>Reports every key of this mapping that no accessor read.</summary>
    public void ReportUnknownKeys()
    {
        foreach (var (keyNode, _) in Node.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (!_read.Contains(key))
            {
                Problems.Add(keyNode, FieldPath(key), $"unknown field '{key}' (check its spelling).");
            }
        }
    }

    private string? LanguageText(string key, string language)
    {
        var node = Raw(key);
        if (node is YamlScalarNode { Value: { } value } && !string.IsNullOrWhiteSpace(value))
        {
            return value.Trim();
        }

        Problems.Add(node ?? Node, FieldPath(key), $"missing {language} text: add '{key}:' with the {language} wording.");
        return null;
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: not (YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted) } scalar &&
        (scalar.Value is null || scalar.Value is "~" or "null" or "");

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex OffsetPattern();
}
