namespace EngagementBot.Storage.Content;

/// <summary>Placeholder.</summary>
public sealed class ContentImporter
{
}
