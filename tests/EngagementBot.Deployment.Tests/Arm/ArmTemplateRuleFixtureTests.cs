using System.Text.Json;

namespace EngagementBot.Deployment.Tests.Arm;

/// <summary>Each rule catches the mistake it exists for (one broken fixture per rule), so the template tests can fail.</summary>
public sealed class ArmTemplateRuleFixtureTests
{
    [Fact]
    public void Invalid_json_is_refused() =>
        Assert.ThrowsAny<JsonException>(() => ArmFile.Load(Fixture("invalid-json.json")));

    [Fact]
    public void Malformed_expression_is_reported()
    {
        var violation = Assert.Single(ArmTemplateRules.WellFormed(ArmFile.Load(Fixture("malformed-expression.json"))));
        Assert.Contains("Expected ',' or ')'", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Undeclared_parameter_is_reported()
    {
        var violation = Assert.Single(ArmTemplateRules.UndeclaredParameters(ArmFile.Load(Fixture("undeclared-parameter.json"))));
        Assert.Contains("parameters('locaton')", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Undeclared_variable_is_reported_even_inside_brackets_and_indexes()
    {
        var template = ArmFile.Load(Fixture("undeclared-variable.json"));
        var violation = Assert.Single(ArmTemplateRules.UndeclaredVariables(template));
        Assert.Contains("variables('suffix')", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Unused_parameter_is_reported()
    {
        var violation = Assert.Single(ArmTemplateRules.UnusedParameters(ArmFile.Load(Fixture("unused-parameter.json"))));
        Assert.Contains("'planSku'", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void DependsOn_of_a_missing_resource_is_reported()
    {
        var violation = Assert.Single(ArmTemplateRules.MissingDependsOnTargets(ArmFile.Load(Fixture("missing-depends-on.json"))));
        Assert.Contains("'plann'", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Api_version_not_in_the_allow_list_is_reported()
    {
        var violation = Assert.Single(ArmTemplateRules.UnlistedApiVersions(ArmFile.Load(Fixture("unlisted-api-version.json")), ArmTemplateTests.AllowList()));
        Assert.Contains("'2018-02-01'", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Secure_parameter_with_a_default_is_reported()
    {
        var violation = Assert.Single(ArmTemplateRules.SecretDefaults(ArmFile.Load(Fixture("secret-default.json"))));
        Assert.Contains("'appPassword'", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_value_in_a_parameter_file_is_reported()
    {
        var template = ArmFile.Load(Fixture("secure-parameter.json"));
        var violation = Assert.Single(ArmTemplateRules.SecretsInParameterFile(ArmFile.Load(Fixture("secret-in-parameters.parameters.json")), template));
        Assert.Contains("Key Vault", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_shaped_value_in_a_parameter_file_is_reported()
    {
        var template = ArmFile.Load(Fixture("secure-parameter.json"));
        var violation = Assert.Single(ArmTemplateRules.SecretsInParameterFile(ArmFile.Load(Fixture("key-in-parameters.parameters.json")), template));
        Assert.Contains("looks like a key", violation, StringComparison.Ordinal);
    }

    private static string Fixture(string name) => Path.Combine(RepositoryPaths.Fixtures, "arm", name);
}
