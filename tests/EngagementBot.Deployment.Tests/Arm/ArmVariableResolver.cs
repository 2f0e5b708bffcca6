using System.Text.Json;

namespace EngagementBot.Deployment.Tests.Arm;

/// <summary>A JSON object or array that a variable holds, kept as JSON so a property access can read into it.</summary>
public sealed record ArmJsonValue(JsonElement Value) : ArmNode
{
    public override string Canonical => Value.GetRawText();
}

/// <summary>
/// Replaces every <c>variables('x')</c> of an expression by what the variable holds (recursively, with property
/// access into object variables), so two expressions that mean the same resource or value compare equal by their
/// <see cref="ArmNode.Canonical"/> text whatever variables they went through.
/// </summary>
public sealed class ArmVariableResolver(ArmFile template)
{
    private readonly Dictionary<string, JsonElement> _variables =
        template.Section("variables").ToDictionary(v => v.Name, v => v.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>Resolves a JSON string value (an expression or a literal).</summary>
    public ArmNode Resolve(string value) => Value(value);

    /// <summary>Resolves a parsed expression.</summary>
    public ArmNode Resolve(ArmNode node) => node switch
    {
        ArmCall { Name: var name } call when name.Equals("variables", StringComparison.OrdinalIgnoreCase) && call.LiteralArgument is { } variable =>
            _variables.TryGetValue(variable, out var held) ? Value(held) : throw new ArmExpressionException($"variables('{variable}') is not declared."),
        ArmCall call => call with { Arguments = [.. call.Arguments.Select(Resolve)] },
        ArmProperty property => Resolve(property.Target) is ArmJsonValue { Value.ValueKind: JsonValueKind.Object } json && json.Value.TryGetProperty(property.Name, out var member)
            ? Value(member)
            : property with { Target = Resolve(property.Target) },
        ArmIndex index => index with { Target = Resolve(index.Target), Index = Resolve(index.Index) },
        ArmLambda lambda => lambda with { Body = Resolve(lambda.Body) },
        _ => node,
    };

    private ArmNode Value(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => Value(element.GetString()!),
        JsonValueKind.Number => new ArmNumber(element.GetInt64()),
        _ => new ArmJsonValue(element),
    };

    private ArmNode Value(string text) => ArmExpression.IsExpression(text) ? Resolve(ArmExpression.Parse(text)) : new ArmString(text);
}
