using System.Text.Json;
using EngagementBot.Deployment.Tests.Arm;

namespace EngagementBot.Deployment.Tests.Arm;

/// <summary>Every template and parameter file in deploymentTemplates/ holds every consistency rule.</summary>
public sealed class ArmTemplateTests
{
    public static TheoryData<string> Templates() => [.. TemplateNames()];

    public static TheoryData<string> ParameterFiles() => [.. ParameterFileNames()];

    private static IEnumerable<string> TemplateNames() => ArmFiles().Where(f => f.IsTemplate).Select(f => Path.GetFileName(f.Path));

    private static IEnumerable<string> ParameterFileNames() => ArmFiles().Where(f => f.IsParameterFile).Select(f => Path.GetFileName(f.Path));

    [Fact]
    public void Every_json_file_in_deploymentTemplates_is_valid_json()
    {
        var files = Directory.GetFiles(RepositoryPaths.DeploymentTemplates, "*.json", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var exception = Record.Exception(() => ArmFile.Load(file));
            Assert.True(exception is null, $"{file}: {exception?.Message}");
        }
    }

    [Fact]
    public void There_is_a_template_and_a_dev_and_prod_parameter_file()
    {
        Assert.Contains("azuredeploy.json", TemplateNames());
        Assert.Equal(["parameters.dev.json", "parameters.prod.json"], ParameterFileNames().Order());
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_is_well_formed(string name) => AssertHolds(ArmTemplateRules.WellFormed(Template(name)));

    [Theory]
    [MemberData(nameof(Templates))]
    public void Every_parameter_reference_is_declared(string name) => AssertHolds(ArmTemplateRules.UndeclaredParameters(Template(name)));

    [Theory]
    [MemberData(nameof(Templates))]
    public void Every_variable_reference_is_declared(string name) => AssertHolds(ArmTemplateRules.UndeclaredVariables(Template(name)));

    [Theory]
    [MemberData(nameof(Templates))]
    public void Every_declared_parameter_is_used(string name) => AssertHolds(ArmTemplateRules.UnusedParameters(Template(name)));

    [Theory]
    [MemberData(nameof(Templates))]
    public void Every_dependsOn_target_is_a_resource_of_the_template(string name) => AssertHolds(ArmTemplateRules.MissingDependsOnTargets(Template(name)));

    [Theory]
    [MemberData(nameof(Templates))]
    public void Every_api_version_is_the_allow_listed_one(string name) => AssertHolds(ArmTemplateRules.UnlistedApiVersions(Template(name), AllowList()));

    [Theory]
    [MemberData(nameof(Templates))]
    public void No_secret_has_a_default_value(string name) => AssertHolds(ArmTemplateRules.SecretDefaults(Template(name)));

    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public void Parameter_file_sets_declared_parameters_and_holds_no_secret(string name) =>
        AssertHolds(ArmTemplateRules.SecretsInParameterFile(Template(name), Template("azuredeploy.json")));

    [Fact]
    public void Every_allow_listed_type_is_used_so_the_list_stays_true()
    {
        var used = ArmFiles().Where(f => f.IsTemplate).SelectMany(f => f.Resources)
            .Select(r => r.GetProperty("type").GetString()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unused = AllowList().Keys.Where(type => !used.Contains(type)).ToArray();
        Assert.True(unused.Length == 0, "api-versions.json lists types no template uses: " + string.Join(", ", unused));
    }

    [Fact]
    public void App_settings_wire_cosmos_containers_to_the_names_the_template_creates()
    {
        var template = Template("azuredeploy.json");
        var cosmos = template.Section("variables").Single(v => v.Name == "cosmos").Value;
        var containers = template.Resources
            .Where(r => r.GetProperty("type").GetString() == "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers")
            .Select(r => r.GetProperty("properties").GetProperty("resource").GetProperty("id").GetString() ?? string.Empty)
            .ToArray();
        Assert.Equal(["[variables('cosmos').stateContainer]", "[variables('cosmos').itemsContainer]"], containers);
        Assert.Equal("state", cosmos.GetProperty("stateContainer").GetString());
        Assert.Equal("items", cosmos.GetProperty("itemsContainer").GetString());

        var settings = template.Resources.Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites")
            .GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("value").GetString()!);
        Assert.Equal("[variables('cosmos').stateContainer]", settings["Storage__Cosmos__StateContainer"]);
        Assert.Equal("[variables('cosmos').itemsContainer]", settings["Storage__Cosmos__ItemsContainer"]);
        Assert.Equal("UserAssignedMSI", settings["MicrosoftAppType"]);
        Assert.Equal("Production", settings["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal("false", settings["DirectLine__Enabled"]);
        Assert.Contains("'@Microsoft.KeyVault(VaultName={0};SecretName={1})', variables('keyVaultName')", settings["WebChatEmbedding__DirectLineSecret"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("WebChatEmbedding__", typeof(EngagementBot.Bot.Operations.WebChatEmbeddingOptions))]
    [InlineData("Operations__", typeof(EngagementBot.Bot.Operations.OperationsOptions))]
    [InlineData("DirectLine__", typeof(EngagementBot.Bot.DirectLine.DirectLineOptions))]
    [InlineData("MicrosoftApp", typeof(EngagementBot.Bot.Protocol.BotIdentityOptions))]
    [InlineData("Storage__Cosmos__", typeof(EngagementBot.Storage.Cosmos.CosmosStorageOptions))]
    [InlineData("TextAnalytics__", typeof(EngagementBot.Analytics.TextAnalyticsOptions))]
    public void App_settings_of_this_build_name_real_option_properties(string prefix, Type options)
    {
        var settings = Template("azuredeploy.json").Resources.Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites")
            .GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings").EnumerateArray()
            .Select(s => s.GetProperty("name").GetString()!)
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .ToArray();
        Assert.NotEmpty(settings);
        foreach (var name in settings)
        {
            // "A__B" is property B of the object in property A (configuration's nesting), as the binder reads it.
            var path = prefix.EndsWith("__", StringComparison.Ordinal) ? name[prefix.Length..] : name;
            var type = options;
            foreach (var property in path.Split("__"))
            {
                var found = type.GetProperty(property);
                Assert.True(found is not null, $"app setting {name} binds to nothing: {type.Name} has no property {property}");
                type = found.PropertyType;
            }
        }
    }

    [Fact]
    public void The_text_analytics_provider_parameter_only_allows_providers_the_app_accepts()
    {
        var parameter = Template("azuredeploy.json").Section("parameters").Single(p => p.Name == "textAnalyticsProvider").Value;
        var allowed = parameter.GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString() ?? string.Empty).ToArray();
        Assert.Equal([EngagementBot.Analytics.TextAnalyticsOptions.OfflineProvider, EngagementBot.Analytics.TextAnalyticsOptions.AzureLanguageProvider], allowed);
        Assert.Equal(EngagementBot.Analytics.TextAnalyticsOptions.OfflineProvider, parameter.GetProperty("defaultValue").GetString());
    }

    internal static IReadOnlyDictionary<string, string> AllowList()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.DeploymentTemplates, "api-versions.json")));
        return document.RootElement.GetProperty("apiVersions").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.OrdinalIgnoreCase);
    }

    private static ArmFile Template(string name) => ArmFile.Load(Path.Combine(RepositoryPaths.DeploymentTemplates, name));

    private static IEnumerable<ArmFile> ArmFiles() =>
        Directory.GetFiles(RepositoryPaths.DeploymentTemplates, "*.json", SearchOption.TopDirectoryOnly).Order().Select(ArmFile.Load);

    private static void AssertHolds(IReadOnlyList<string> violations) => Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
}
