using System.Text.Json;
using System.Text.RegularExpressions;
using EngagementBot.Bot.Endpoints;
using EngagementBot.Bot.Operations;

namespace EngagementBot.Deployment.Tests.Arm;

/// <summary>
/// The template's outputs (what the deploy guide reads after <c>az deployment group create</c>) exist, are strings,
/// and say what the deployed resources really are: the same expressions the resources themselves use, read through
/// the template's variables.
/// </summary>
public sealed partial class ArmOutputTests
{
    private const string SitesType = "Microsoft.Web/sites";
    private const string BotType = "Microsoft.BotService/botServices";
    private const string IdentityType = "Microsoft.ManagedIdentity/userAssignedIdentities";
    private const string VaultType = "Microsoft.KeyVault/vaults";

    private static readonly string[] OutputNames =
        ["botEndpoint", "appId", "tenantId", "webAppName", "botName", "keyVaultName", "directLineSecretName", "webChatUrl", "webChatTokenEndpoint"];

    private readonly ArmFile _template = ArmFile.Load(Path.Combine(RepositoryPaths.DeploymentTemplates, "azuredeploy.json"));
    private readonly ArmVariableResolver _resolver;

    public ArmOutputTests() => _resolver = new ArmVariableResolver(_template);

    [Fact]
    public void The_outputs_are_the_expected_strings_and_expressions()
    {
        var outputs = _template.Section("outputs").ToArray();
        Assert.Equal(OutputNames.Order(StringComparer.Ordinal), outputs.Select(o => o.Name).Order(StringComparer.Ordinal));
        foreach (var output in outputs)
        {
            Assert.True(output.Value.GetProperty("type").GetString() == "string", $"output {output.Name} must be of type string");
            var value = output.Value.GetProperty("value").GetString() ?? string.Empty;
            Assert.True(ArmExpression.IsExpression(value), $"output {output.Name} must be an expression, not the literal '{value}'");
        }
    }

    [Fact]
    public void Every_resource_an_output_reads_is_declared_and_read_with_its_allow_listed_api_version()
    {
        var allowList = ArmTemplateTests.AllowList();
        foreach (var output in _template.Section("outputs"))
        {
            var calls = Output(output.Name).Calls().ToArray();
            foreach (var resourceId in calls.Where(c => c.Name == "resourceId"))
            {
                Assert.True(DeclaredResource(resourceId) is not null, $"output {output.Name}: {resourceId.Canonical} names no resource of the template");
            }

            foreach (var reference in calls.Where(c => c.Name == "reference"))
            {
                var target = Assert.IsType<ArmCall>(reference.Arguments[0]);
                Assert.Equal("resourceId", target.Name);
                var type = Assert.IsType<ArmString>(target.Arguments[0]).Value;
                var version = Assert.IsType<ArmString>(reference.Arguments[1]).Value;
                Assert.True(allowList[type] == version, $"output {output.Name} reads {type} with API version {version}; api-versions.json allows {allowList[type]}");
            }
        }
    }

    [Fact]
    public void Bot_endpoint_is_the_bots_messaging_endpoint_on_the_web_apps_host_name()
    {
        var endpoint = Output("botEndpoint");
        Assert.Equal(Format("https://{0}" + BotMessagesEndpoint.Route, WebAppHostName()).Canonical, endpoint.Canonical);
        Assert.Equal(endpoint.Canonical, ResourceProperty(BotType, "endpoint").Canonical);
    }

    [Fact]
    public void App_id_and_tenant_are_the_managed_identitys_which_the_bot_and_the_app_use()
    {
        Assert.Equal("UserAssignedMSI", Resource(BotType).GetProperty("properties").GetProperty("msaAppType").GetString());
        Assert.Equal("UserAssignedMSI", AppSetting("MicrosoftAppType").Canonical.Trim('\''));
        var identity = ResourceIdOf(Resource(IdentityType));

        var appId = Output("appId");
        Assert.Equal(new ArmProperty(new ArmCall("reference", [identity, new ArmString("2023-01-31")]), "clientId").Canonical, appId.Canonical);
        Assert.Equal(appId.Canonical, ResourceProperty(BotType, "msaAppId").Canonical);
        Assert.Equal(appId.Canonical, AppSetting("MicrosoftAppId").Canonical);

        var tenantId = Output("tenantId");
        Assert.Equal(new ArmProperty(new ArmCall("reference", [identity, new ArmString("2023-01-31")]), "tenantId").Canonical, tenantId.Canonical);
        Assert.Equal(tenantId.Canonical, ResourceProperty(BotType, "msaAppTenantId").Canonical);
        Assert.Equal(tenantId.Canonical, AppSetting("MicrosoftAppTenantId").Canonical);
    }

    [Fact]
    public void Web_chat_urls_point_at_this_bot_and_this_web_app()
    {
        Assert.Equal(Format("https://webchat.botframework.com/embed/{0}", ResourceName(BotType)).Canonical, Output("webChatUrl").Canonical);
        Assert.Equal(Format("https://{0}" + WebChatTokenEndpoint.Route, WebAppHostName()).Canonical, Output("webChatTokenEndpoint").Canonical);
    }

    [Fact]
    public void Name_outputs_are_the_names_of_the_deployed_resources()
    {
        Assert.Equal(ResourceName(SitesType).Canonical, Output("webAppName").Canonical);
        Assert.Equal(ResourceName(BotType).Canonical, Output("botName").Canonical);
        Assert.Equal(ResourceName(VaultType).Canonical, Output("keyVaultName").Canonical);

        // The secret the guide writes is the one the app's Key Vault reference reads.
        var secretName = Output("directLineSecretName");
        var reference = Assert.Single(
            AppSetting("WebChatEmbedding__DirectLineSecret").Calls(),
            c => c.Name == "format" && c.LiteralArgument == "@Microsoft.KeyVault(VaultName={0};SecretName={1})");
        Assert.Equal(ResourceName(VaultType).Canonical, reference.Arguments[1].Canonical);
        Assert.Equal(secretName.Canonical, reference.Arguments[2].Canonical);
    }

    [Theory]
    [InlineData("deploymentTemplates/README.md")]
    [InlineData("README.md")]
    public void The_deploy_guide_reads_only_outputs_the_template_has(string guide)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, guide));
        var read = OutputQuery().Matches(text).Select(m => m.Groups[1].Value)
            .Concat(OutHelper().Matches(text).Select(m => m.Groups[1].Value))
            .Distinct(StringComparer.Ordinal).ToArray();
        var unknown = read.Where(name => !OutputNames.Contains(name, StringComparer.Ordinal)).ToArray();
        Assert.True(unknown.Length == 0, $"{guide} reads outputs the template does not have: {string.Join(", ", unknown)}");
        if (guide.StartsWith("deploymentTemplates", StringComparison.Ordinal))
        {
            // The guide's script does read outputs (so the check above checked something) …
            Assert.Contains("webAppName", read);
            Assert.Contains("appId", read);

            // … and its list of outputs is the template's.
            var listed = OutputsSentence().Match(text);
            Assert.True(listed.Success, $"{guide} has no 'Outputs: `…`' sentence");
            var names = BacktickName().Matches(listed.Value).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);
            Assert.Equal(OutputNames.Order(StringComparer.Ordinal), names);
        }
    }

    private ArmNode Output(string name)
    {
        var output = _template.Section("outputs").SingleOrDefault(o => o.Name == name);
        Assert.True(output.Value.ValueKind == JsonValueKind.Object, $"the template has no output {name}");
        return _resolver.Resolve(output.Value.GetProperty("value").GetString()!);
    }

    private JsonElement Resource(string type) => _template.Resources.Single(r => r.GetProperty("type").GetString() == type);

    private ArmNode ResourceName(string type) => _resolver.Resolve(Resource(type).GetProperty("name").GetString()!);

    private ArmNode ResourceProperty(string type, string property) =>
        _resolver.Resolve(Resource(type).GetProperty("properties").GetProperty(property).GetString()!);

    private ArmCall ResourceIdOf(JsonElement resource) =>
        new("resourceId", [new ArmString(resource.GetProperty("type").GetString()!), _resolver.Resolve(resource.GetProperty("name").GetString()!)]);

    /// <summary>The web app's host name as Azure reports it (not a guessed <c>.azurewebsites.net</c> suffix).</summary>
    private ArmNode WebAppHostName() =>
        new ArmProperty(new ArmCall("reference", [ResourceIdOf(Resource(SitesType)), new ArmString(ArmTemplateTests.AllowList()[SitesType])]), "defaultHostName");

    private ArmNode AppSetting(string name) =>
        _resolver.Resolve(Resource(SitesType).GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings").EnumerateArray()
            .Single(s => s.GetProperty("name").GetString() == name).GetProperty("value").GetString()!);

    private JsonElement? DeclaredResource(ArmCall resourceId)
    {
        var type = Assert.IsType<ArmString>(resourceId.Arguments[0]).Value;
        var segments = resourceId.Arguments.Skip(1).ToArray();
        ArmNode name = segments.Length == 1
            ? segments[0]
            : new ArmCall("format", [new ArmString(string.Join('/', segments.Select((_, i) => "{" + i + "}"))), .. segments]);
        foreach (var resource in _template.Resources.Where(r => r.GetProperty("type").GetString() == type))
        {
            if (_resolver.Resolve(resource.GetProperty("name").GetString()!).Canonical == name.Canonical)
            {
                return resource;
            }
        }

        return null;
    }

    private static ArmCall Format(string pattern, params ArmNode[] arguments) => new("format", [new ArmString(pattern), .. arguments]);

    [GeneratedRegex(@"properties\.outputs\.([A-Za-z_]\w*)")]
    private static partial Regex OutputQuery();

    [GeneratedRegex(@"\$\(out ([A-Za-z_]\w*)\)")]
    private static partial Regex OutHelper();

    [GeneratedRegex(@"Outputs: [^.]+\.")]
    private static partial Regex OutputsSentence();

    [GeneratedRegex(@"`(\w+)`")]
    private static partial Regex BacktickName();
}
