namespace EngagementBot.Deployment.Tests;

/// <summary>Folders of the repository, found from the test assembly's location.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string DeploymentTemplates => Path.Combine(Root, "deploymentTemplates");

    public static string Teams => Path.Combine(DeploymentTemplates, "teams");

    public static string TestProject => Path.Combine(Root, "tests", "EngagementBot.Deployment.Tests");

    public static string Fixtures => Path.Combine(TestProject, "Fixtures");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "EngagementBot.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("EngagementBot.sln not found above " + AppContext.BaseDirectory);
    }
}
