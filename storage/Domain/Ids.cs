namespace EngagementBot.Storage.Domain;

/// <summary>Identifier and ETag generation shared by every store.</summary>
public static class Ids
{
    /// <summary>A new time-ordered identifier (UUID v7, 32 lowercase hex digits): ordering by id orders by creation.</summary>
    public static string New() => Guid.CreateVersion7().ToString("N");

    /// <summary>A new opaque ETag value.</summary>
    public static string NewETag() => Guid.NewGuid().ToString("N");
}
