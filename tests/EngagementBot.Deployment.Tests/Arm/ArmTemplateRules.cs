using System.Text.Json;
using System.Text.RegularExpressions;

namespace EngagementBot.Deployment.Tests.Arm;

/// <summary>An ARM template or parameter file, parsed.</summary>
/// <param name="Path">Where it was read from (for messages).</param>
/// <param name="Root">The JSON document's root.</param>
public sealed record ArmFile(string Path, JsonElement Root)
{
    /// <summary>Reads and parses a file; invalid JSON throws <see cref="JsonException"/>.</summary>
    public static ArmFile Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow });
        return new ArmFile(path, document.RootElement.Clone());
    }

    /// <summary>The <c>$schema</c> URL, or empty.</summary>
    public string Schema => Root.ValueKind == JsonValueKind.Object && Root.TryGetProperty("$schema", out var schema) ? schema.GetString() ?? string.Empty : string.Empty;

    /// <summary>Whether this is a deployment template (by its <c>$schema</c>).</summary>
    public bool IsTemplate => Schema.Contains("deploymentTemplate.json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether this is a deployment parameter file (by its <c>$schema</c>).</summary>
    public bool IsParameterFile => Schema.Contains("deploymentParameters.json", StringComparison.OrdinalIgnoreCase);

    /// <summary>The members of a top-level object section (<c>parameters</c>, <c>variables</c>, …).</summary>
    public IEnumerable<JsonProperty> Section(string name) =>
        Root.TryGetProperty(name, out var section) && section.ValueKind == JsonValueKind.Object ? section.EnumerateObject() : [];

    /// <summary>The top-level resources.</summary>
    public IEnumerable<JsonElement> Resources =>
        Root.TryGetProperty("resources", out var resources) && resources.ValueKind == JsonValueKind.Array ? resources.EnumerateArray() : [];
}

/// <summary>
/// The internal-consistency rules of our ARM templates. Each rule returns its violations (empty = the rule holds),
/// phrased so the message says what to fix.
/// </summary>
public static partial class ArmTemplateRules
{
    /// <summary>A template has <c>$schema</c>, <c>contentVersion</c> and <c>resources</c>, and every expression parses.</summary>
    public static IReadOnlyList<string> WellFormed(ArmFile template)
    {
        var violations = new List<string>();
        if (!template.IsTemplate)
        {
            violations.Add($"{template.Path}: $schema must be a deploymentTemplate.json schema URL.");
        }

        if (!template.Root.TryGetProperty("contentVersion", out _))
        {
            violations.Add($"{template.Path}: contentVersion is missing.");
        }

        if (!template.Root.TryGetProperty("resources", out var resources) || resources.ValueKind != JsonValueKind.Array)
        {
            violations.Add($"{template.Path}: resources must be an array.");
        }

        foreach (var (path, text) in Strings(template.Root, "$"))
        {
            if (ArmExpression.IsExpression(text))
            {
                try
                {
                    ArmExpression.Parse(text);
                }
                catch (ArmExpressionException exception)
                {
                    violations.Add($"{template.Path} {path}: {exception.Message}");
                }
            }
        }

        return violations;
    }

    /// <summary>Every <c>parameters('x')</c> names a declared parameter.</summary>
    public static IReadOnlyList<string> UndeclaredParameters(ArmFile template) =>
        UndeclaredReferences(template, "parameters");

    /// <summary>Every <c>variables('x')</c> names a declared variable.</summary>
    public static IReadOnlyList<string> UndeclaredVariables(ArmFile template) =>
        UndeclaredReferences(template, "variables");

    /// <summary>Every declared parameter is used somewhere (a parameter nobody reads is a setting that does nothing).</summary>
    public static IReadOnlyList<string> UnusedParameters(ArmFile template)
    {
        var used = Calls(template).Where(c => c.Call.Name.Equals("parameters", StringComparison.OrdinalIgnoreCase))
            .Select(c => c.Call.LiteralArgument).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. template.Section("parameters").Where(p => !used.Contains(p.Name))
            .Select(p => $"{template.Path}: parameter '{p.Name}' is declared but never used; use it or remove it.")];
    }

    /// <summary>Every <c>dependsOn</c> entry is a <c>resourceId(...)</c> of a resource declared in the template.</summary>
    public static IReadOnlyList<string> MissingDependsOnTargets(ArmFile template)
    {
        var declared = template.Resources.Select(ResourceKey).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var violations = new List<string>();
        foreach (var resource in template.Resources)
        {
            if (!resource.TryGetProperty("dependsOn", out var dependsOn))
            {
                continue;
            }

            foreach (var entry in dependsOn.EnumerateArray())
            {
                var text = entry.GetString() ?? string.Empty;
                var key = ArmExpression.IsExpression(text) && ArmExpression.Parse(text) is ArmCall { Name: "resourceId" } call ? ResourceIdKey(call) : null;
                if (key is null)
                {
                    violations.Add($"{template.Path}: dependsOn '{text}' must be a resourceId('type', name…) expression.");
                }
                else if (!declared.Contains(key))
                {
                    violations.Add($"{template.Path}: dependsOn '{text}' names no resource of this template.");
                }
            }
        }

        return violations;
    }

    /// <summary>Every resource uses the API version the allow-list gives its type.</summary>
    public static IReadOnlyList<string> UnlistedApiVersions(ArmFile template, IReadOnlyDictionary<string, string> allowList)
    {
        var violations = new List<string>();
        foreach (var resource in template.Resources)
        {
            var type = resource.TryGetProperty("type", out var t) ? t.GetString() ?? string.Empty : string.Empty;
            var version = resource.TryGetProperty("apiVersion", out var v) ? v.GetString() ?? string.Empty : string.Empty;
            if (!allowList.TryGetValue(type, out var allowed))
            {
                violations.Add($"{template.Path}: resource type '{type}' is not in api-versions.json; add it with its latest stable API version.");
            }
            else if (!string.Equals(allowed, version, StringComparison.Ordinal))
            {
                violations.Add($"{template.Path}: '{type}' uses apiVersion '{version}' but api-versions.json allows '{allowed}'.");
            }
        }

        return violations;
    }

    /// <summary>Secure parameters have no default value; no default value looks like a key.</summary>
    public static IReadOnlyList<string> SecretDefaults(ArmFile template)
    {
        var violations = new List<string>();
        foreach (var parameter in template.Section("parameters"))
        {
            var type = parameter.Value.TryGetProperty("type", out var t) ? t.GetString() ?? string.Empty : string.Empty;
            var hasDefault = parameter.Value.TryGetProperty("defaultValue", out var defaultValue);
            if (hasDefault && type.StartsWith("secure", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add($"{template.Path}: secure parameter '{parameter.Name}' has a defaultValue; remove it (pass the secret at deployment or from Key Vault).");
            }
            else if (hasDefault && Strings(defaultValue, parameter.Name).Any(s => LooksLikeKey(s.Text)))
            {
                violations.Add($"{template.Path}: parameter '{parameter.Name}' has a default value that looks like a key.");
            }
        }

        return violations;
    }

    /// <summary>
    /// A parameter file sets only declared parameters, gives secure parameters and secret-named parameters no
    /// literal value (use a Key Vault <c>reference</c>), and holds nothing that looks like a key.
    /// </summary>
    public static IReadOnlyList<string> SecretsInParameterFile(ArmFile parameterFile, ArmFile template)
    {
        var declared = template.Section("parameters").ToDictionary(p => p.Name, p => p.Value, StringComparer.OrdinalIgnoreCase);
        var violations = new List<string>();
        foreach (var parameter in parameterFile.Section("parameters"))
        {
            if (!declared.TryGetValue(parameter.Name, out var declaration))
            {
                violations.Add($"{parameterFile.Path}: '{parameter.Name}' is not a parameter of {Path.GetFileName(template.Path)}.");
                continue;
            }

            var secure = declaration.TryGetProperty("type", out var t) && (t.GetString() ?? string.Empty).StartsWith("secure", StringComparison.OrdinalIgnoreCase);
            var hasValue = parameter.Value.TryGetProperty("value", out var value);
            if (hasValue && (secure || SecretName().IsMatch(parameter.Name)))
            {
                violations.Add($"{parameterFile.Path}: '{parameter.Name}' is a secret; use a Key Vault \"reference\" instead of a \"value\".");
            }
            else if (hasValue && Strings(value, parameter.Name).Any(s => LooksLikeKey(s.Text)))
            {
                violations.Add($"{parameterFile.Path}: '{parameter.Name}' holds a value that looks like a key; keep secrets in Key Vault.");
            }
        }

        return violations;
    }

    /// <summary>The canonical key of a declared resource: type and name segments.</summary>
    internal static string? ResourceKey(JsonElement resource)
    {
        if (!resource.TryGetProperty("type", out var type) || !resource.TryGetProperty("name", out var name))
        {
            return null;
        }

        var text = name.GetString() ?? string.Empty;
        IEnumerable<string> segments;
        if (!ArmExpression.IsExpression(text))
        {
            segments = text.Split('/').Select(s => new ArmString(s).Canonical);
        }
        else if (ArmExpression.Parse(text) is ArmCall { Name: "format" } format && format.LiteralArgument is { } pattern)
        {
            segments = pattern.Split('/').Select(piece => FormatSegment(piece, format.Arguments));
        }
        else
        {
            segments = [ArmExpression.Parse(text).Canonical];
        }

        return Key(type.GetString() ?? string.Empty, segments);
    }

    private static string FormatSegment(string piece, IReadOnlyList<ArmNode> arguments)
    {
        var placeholder = PlaceholderOnly().Match(piece);
        if (placeholder.Success)
        {
            return arguments[int.Parse(placeholder.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1].Canonical;
        }

        return piece.Contains('{', StringComparison.Ordinal)
            ? new ArmCall("format", [new ArmString(piece), .. arguments.Skip(1)]).Canonical
            : new ArmString(piece).Canonical;
    }

    private static string? ResourceIdKey(ArmCall call)
    {
        var typeIndex = -1;
        for (var i = 0; i < call.Arguments.Count; i++)
        {
            if (call.Arguments[i] is ArmString s && s.Value.Contains('/', StringComparison.Ordinal))
            {
                typeIndex = i;
                break;
            }
        }

        return typeIndex < 0 ? null : Key(((ArmString)call.Arguments[typeIndex]).Value, call.Arguments.Skip(typeIndex + 1).Select(a => a.Canonical));
    }

    private static string Key(string type, IEnumerable<string> segments) => type.ToUpperInvariant() + " | " + string.Join(" / ", segments);

    private static IReadOnlyList<string> UndeclaredReferences(ArmFile template, string function)
    {
        var declared = template.Section(function).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var violations = new List<string>();
        foreach (var (path, call) in Calls(template).Where(c => c.Call.Name.Equals(function, StringComparison.OrdinalIgnoreCase)))
        {
            if (call.LiteralArgument is not { } name)
            {
                violations.Add($"{template.Path} {path}: {function}() must name a literal, found {call.Canonical}.");
            }
            else if (!declared.Contains(name))
            {
                violations.Add($"{template.Path} {path}: {function}('{name}') is not declared in \"{function}\".");
            }
        }

        return violations;
    }

    private static IEnumerable<(string Path, ArmCall Call)> Calls(ArmFile template) =>
        Strings(template.Root, "$")
            .Where(s => ArmExpression.IsExpression(s.Text))
            .SelectMany(s => ArmExpression.Parse(s.Text).Calls().Select(call => (s.Path, call)));

    /// <summary>Every string in the JSON (values and property names, which may be expressions too), with its path.</summary>
    internal static IEnumerable<(string Path, string Text)> Strings(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                yield return (path, element.GetString()!);
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    yield return (path + "." + property.Name, property.Name);
                    foreach (var inner in Strings(property.Value, path + "." + property.Name))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var inner in Strings(item, $"{path}[{index++}]"))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    private static bool LooksLikeKey(string text) => KeyLike().IsMatch(text);

    [GeneratedRegex(@"^\{(\d+)\}$")]
    private static partial Regex PlaceholderOnly();

    [GeneratedRegex(@"(?i)(password|secret|apikey|accountkey|connectionstring|token|key)$")]
    private static partial Regex SecretName();

    // Base64 account keys and Direct Line secrets: 40+ characters of the base64/base64url alphabet without spaces.
    [GeneratedRegex(@"^[A-Za-z0-9+/_\-.]{40,}={0,2}$")]
    private static partial Regex KeyLike();
}
