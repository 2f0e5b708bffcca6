using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EngagementBot.Deployment.Tests.Teams;

/// <summary>
/// The Teams app package: built by the script, validated offline with @microsoft/app-manifest (0 errors), and the
/// icons meet Teams' size and transparency rules. Negative cases show the validator and the icon rules do fail.
/// </summary>
public sealed class TeamsAppPackageTests : IDisposable
{
    private const string AppId = "6f1c2a0e-3b7d-4c59-9a41-2d8e5f0b7c13";
    private readonly string _work = Directory.CreateTempSubdirectory("engagementbot-teams-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Script_builds_a_zip_with_the_manifest_icons_and_french_file_and_the_app_id_substituted()
    {
        var files = await BuildAndExtractAsync();

        Assert.Equal(["color.png", "fr.json", "manifest.json", "outline.png"], Directory.GetFiles(files).Select(Path.GetFileName).Order());
        var manifest = File.ReadAllText(Path.Combine(files, "manifest.json"));
        Assert.DoesNotContain("{{", manifest, StringComparison.Ordinal);
        var json = JsonNode.Parse(manifest)!;
        Assert.Equal(AppId, (string?)json["id"]);
        Assert.Equal(AppId, (string?)json["bots"]![0]!["botId"]);
    }

    [Fact]
    public async Task Script_refuses_an_app_id_that_is_not_a_guid()
    {
        var (exitCode, _, error) = await ExternalCommand.RunAsync("bash", RepositoryPaths.Teams, "build-app-package.sh", "not-a-guid", Path.Combine(_work, "x.zip"));
        Assert.Equal(2, exitCode);
        Assert.Contains("usage:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Packaged_manifest_and_french_file_validate_with_zero_errors_offline()
    {
        var files = await BuildAndExtractAsync();
        var results = await ValidateAsync(Path.Combine(files, "manifest.json"), Path.Combine(files, "fr.json"));
        Assert.All(results, result => Assert.True(result.Errors.Count == 0, $"{result.File}: {string.Join("; ", result.Errors)}"));
        Assert.Equal(2, results.Count);
    }

    [Fact]
    public async Task Validator_reports_schema_errors()
    {
        var files = await BuildAndExtractAsync();
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(files, "manifest.json")))!;
        manifest["name"]!["short"] = new string('x', 31);           // maxLength 30
        manifest["bots"]![0]!["scopes"] = new JsonArray("everyone"); // not a scope
        var broken = Path.Combine(_work, "broken-manifest.json");
        File.WriteAllText(broken, manifest.ToJsonString());

        var result = Assert.Single(await ValidateAsync(broken));
        Assert.Contains(result.Errors, e => e.Contains("/name/short", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Contains("/bots/0/scopes/0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validator_refuses_a_schema_it_does_not_bundle_instead_of_going_online()
    {
        var files = await BuildAndExtractAsync();
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(files, "manifest.json")))!;
        manifest["$schema"] = "https://developer.microsoft.com/json-schemas/teams/v1.18/MicrosoftTeams.schema.json"; // not bundled
        var unbundled = Path.Combine(_work, "unbundled.json");
        File.WriteAllText(unbundled, manifest.ToJsonString());

        var result = Assert.Single(await ValidateAsync(unbundled));
        Assert.Contains(result.Errors, e => e.Contains("network access attempted", StringComparison.Ordinal));
    }

    [Fact]
    public void Manifest_declares_the_scopes_command_lists_and_localization()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Teams, "manifest.json")))!;
        Assert.True(Version.Parse((string)manifest["manifestVersion"]!) >= new Version(1, 17));
        var bot = manifest["bots"]![0]!;
        Assert.Equal(["personal", "team", "groupChat"], bot["scopes"]!.AsArray().Select(s => (string)s!));
        var lists = bot["commandLists"]!.AsArray();
        Assert.Contains(lists, l => l!["scopes"]!.AsArray().Select(s => (string)s!).SequenceEqual(["personal"]));        // citizens
        Assert.Contains(lists, l => l!["scopes"]!.AsArray().Select(s => (string)s!).SequenceEqual(["team", "groupChat"])); // staff
        var french = manifest["localizationInfo"]!["additionalLanguages"]!.AsArray().Single(l => ((string)l!["languageTag"]!).StartsWith("fr", StringComparison.Ordinal))!;
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Teams, (string)french["file"]!)));

        // Every command has its French title and description.
        var fr = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Teams, "fr.json")))!.AsObject();
        for (var l = 0; l < lists.Count; l++)
        {
            for (var c = 0; c < lists[l]!["commands"]!.AsArray().Count; c++)
            {
                Assert.True(fr.ContainsKey($"bots[0].commandLists[{l}].commands[{c}].title"), $"fr.json lacks command {l}/{c} title");
                Assert.True(fr.ContainsKey($"bots[0].commandLists[{l}].commands[{c}].description"), $"fr.json lacks command {l}/{c} description");
            }
        }
    }

    [Fact]
    public void Icons_have_the_sizes_and_transparency_teams_requires()
    {
        Assert.Empty(TeamsIconRules.ColorIcon(PngImage.Read(Path.Combine(RepositoryPaths.Teams, "color.png"))));
        Assert.Empty(TeamsIconRules.OutlineIcon(PngImage.Read(Path.Combine(RepositoryPaths.Teams, "outline.png"))));
    }

    [Fact]
    public void Icon_rules_catch_a_wrong_size_and_an_outline_that_is_not_white_on_transparent()
    {
        var color = PngImage.Read(Path.Combine(RepositoryPaths.Teams, "color.png"));
        var outline = PngImage.Read(Path.Combine(RepositoryPaths.Teams, "outline.png"));

        Assert.Contains("color icon must be 192×192, is 32×32", TeamsIconRules.ColorIcon(outline));
        var violations = TeamsIconRules.OutlineIcon(color);
        Assert.Contains("outline icon must be 32×32, is 192×192", violations);
        Assert.Contains("outline icon must be white (#FFFFFF) wherever it is not transparent", violations);
    }

    private async Task<string> BuildAndExtractAsync()
    {
        var zip = Path.Combine(_work, "app.zip");
        var (exitCode, output, error) = await ExternalCommand.RunAsync("bash", RepositoryPaths.Teams, "build-app-package.sh", AppId, zip);
        Assert.True(exitCode == 0, $"build-app-package.sh failed: {output} {error}");
        var folder = Path.Combine(_work, "package");
        ZipFile.ExtractToDirectory(zip, folder, overwriteFiles: true);
        return folder;
    }

    private static async Task<List<ValidationResult>> ValidateAsync(params string[] files)
    {
        Assert.True(Directory.Exists(Path.Combine(RepositoryPaths.TestProject, "node_modules", "@microsoft", "app-manifest")),
            "Run `npm ci` in tests/EngagementBot.Deployment.Tests (./test.sh does) to install @microsoft/app-manifest.");
        var (_, output, error) = await ExternalCommand.RunAsync("node", RepositoryPaths.TestProject, ["validate-teams-manifest.cjs", .. files]);
        var results = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonSerializer.Deserialize<ValidationResult>(line, JsonOptions)!).ToList();
        Assert.True(results.Count == files.Length, $"validator output: {output} {error}");
        return results;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed record ValidationResult(string File, List<string> Errors);
}
