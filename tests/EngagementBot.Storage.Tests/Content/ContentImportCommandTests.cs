using EngagementBot.Storage.Content;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementBot.Storage.Tests.Content;

/// <summary>The host's <c>import &lt;folder&gt;</c> command.</summary>
public sealed class ContentImportCommandTests : IDisposable
{
    private readonly TempFolder _data = new();
    private readonly TempFolder _content = new();

    [Fact]
    public async Task Import_of_the_demo_prints_what_was_created_and_returns_zero()
    {
        await using var services = BuildWithoutStartingTheHost();
        using var output = new StringWriter();

        var exitCode = await ContentImportCommand.RunAsync(services, ContentImporter.DemoContentFolder, output, CancellationToken.None);

        Assert.Equal(0, exitCode);
        Assert.Contains("created: project:parc-des-berges", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Imported: 2 created, 0 updated, 0 unchanged.", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_with_problems_prints_each_with_file_and_line_and_returns_one()
    {
        File.WriteAllText(Path.Combine(_content.Path, "bad.yaml"), "kind: project\nslug: Not Valid\n");
        await using var services = BuildWithoutStartingTheHost();
        using var output = new StringWriter();

        var exitCode = await ContentImportCommand.RunAsync(services, _content.Path, output, CancellationToken.None);

        Assert.Equal(1, exitCode);
        Assert.Contains("bad.yaml(2,7): slug: 'Not Valid' is not a valid identifier", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("problem(s); nothing was imported.", output.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _data.Dispose();
        _content.Dispose();
    }

    private ServiceProvider BuildWithoutStartingTheHost()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataFolder"] = _data.Path })
            .Build();
        return new ServiceCollection().AddLogging().AddEngagementStorage(configuration).BuildServiceProvider();
    }
}
