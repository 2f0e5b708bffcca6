using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EngagementBot.Storage.Domain;
using Microsoft.Azure.Cosmos;

namespace EngagementBot.Storage.Cosmos;

/// <summary>A document read from Cosmos DB: its envelope and its ETag.</summary>
/// <param name="Root">The whole stored JSON (envelope fields plus <c>doc</c>).</param>
/// <param name="ETag">The document's <c>_etag</c>.</param>
internal sealed record CosmosDocument(JsonElement Root, string ETag)
{
    /// <summary>A string field of the envelope, or <see langword="null"/>.</summary>
    public string? Field(string name) => Root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The domain document (<c>doc</c>) as a <typeparamref name="T"/>.</summary>
    public T Doc<T>() => StorageJson.Deserialize<T>(Root.GetProperty("doc").GetString()
        ?? throw new JsonException($"Stored document is null, expected {typeof(T).Name}."));
}

/// <summary>
/// The document operations every Cosmos store uses, on the SDK's stream API (no SDK serializer, status codes
/// instead of exceptions): envelopes, point reads, conditional writes mapped to
/// <see cref="ConcurrencyConflictException"/>, single-partition queries and lookup documents.
/// </summary>
internal static class CosmosItems
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly ItemRequestOptions NoContent = new() { EnableContentResponseOnWrite = false };

    /// <summary>
    /// A Cosmos id for any key: '/', '\', '?', '#' are not allowed in ids and '%' is decoded on the way (ids travel in
    /// the URL path), so they are escaped with '!' ('!' itself doubled), which keeps the mapping one-to-one; a key still
    /// longer than 255 characters becomes <c>h:</c> + its SHA-256 (the raw key stays in the document's <c>key</c>).
    /// </summary>
    public static string ToId(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.IndexOfAny(['/', '\\', '?', '#', '%', '!']) < 0 && key.Length <= 255)
        {
            return key;
        }

        var escaped = new StringBuilder(key.Length + 8);
        foreach (var c in key)
        {
            escaped.Append(c switch
            {
                '!' => "!!",
                '/' => "!s",
                '\\' => "!b",
                '?' => "!q",
                '#' => "!h",
                '%' => "!p",
                _ => c.ToString(),
            });
        }

        return escaped.Length <= 255 ? escaped.ToString() : "h:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    /// <summary>Writes an envelope: id, pk, type, extra indexed fields and the domain document under <c>doc</c>.</summary>
    public static MemoryStream Envelope<T>(string id, string partition, string type, T? doc, params (string Name, object? Value)[] fields)
    {
        var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("pk", partition);
            writer.WriteString("type", type);
            foreach (var (name, value) in fields)
            {
                switch (value)
                {
                    case null:
                        break;
                    case string s:
                        writer.WriteString(name, s);
                        break;
                    case bool b:
                        writer.WriteBoolean(name, b);
                        break;
                    case int i:
                        writer.WriteNumber(name, i);
                        break;
                    case long l:
                        writer.WriteNumber(name, l);
                        break;
                    default:
                        throw new ArgumentException($"Unsupported envelope field type {value.GetType().Name}.", nameof(fields));
                }
            }

            if (doc is not null)
            {
                // A string, not a nested object: stored byte for byte (Cosmos keeps numbers as doubles, which would
                // turn 12.50m into 12.5 and round long decimals), and never indexed.
                writer.WriteString("doc", JsonSerializer.Serialize(doc, StorageJson.Options));
            }

            writer.WriteEndObject();
        }

        stream.Position = 0;
        return stream;
    }

    /// <summary>Point read; <see langword="null"/> when the document does not exist.</summary>
    public static async Task<CosmosDocument?> ReadAsync(Container container, string partition, string id, CancellationToken cancellationToken)
    {
        using var response = await container.ReadItemStreamAsync(id, new PartitionKey(partition), cancellationToken: cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        using var json = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken);
        return new CosmosDocument(json.RootElement.Clone(), response.Headers.ETag);
    }

    /// <summary>Creates the document; 409 (id taken in the partition) becomes a conflict. Returns the new ETag.</summary>
    public static async Task<string> CreateAsync(Container container, string partition, Stream body, string kind, string key, CancellationToken cancellationToken)
    {
        using (body)
        {
            using var response = await container.CreateItemStreamAsync(body, new PartitionKey(partition), NoContent, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                throw new ConcurrencyConflictException(kind, key, null);
            }

            response.EnsureSuccessStatusCode();
            return response.Headers.ETag;
        }
    }

    /// <summary>Creates the document unless it exists; returns whether it was created.</summary>
    public static async Task<bool> TryCreateAsync(Container container, string partition, Stream body, CancellationToken cancellationToken)
    {
        using (body)
        {
            using var response = await container.CreateItemStreamAsync(body, new PartitionKey(partition), NoContent, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                return false;
            }

            response.EnsureSuccessStatusCode();
            return true;
        }
    }

    /// <summary>Replaces the document if its ETag still equals <paramref name="ifMatch"/>; 412/404 become a conflict.</summary>
    public static async Task<string> ReplaceAsync(
        Container container, string partition, string id, Stream body, string ifMatch, string kind, string key, CancellationToken cancellationToken)
    {
        using (body)
        {
            var options = new ItemRequestOptions { IfMatchEtag = ifMatch, EnableContentResponseOnWrite = false };
            using var response = await container.ReplaceItemStreamAsync(body, id, new PartitionKey(partition), options, cancellationToken);
            if (response.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
            {
                throw new ConcurrencyConflictException(kind, key, ifMatch);
            }

            response.EnsureSuccessStatusCode();
            return response.Headers.ETag;
        }
    }

    /// <summary>Creates or replaces the document unconditionally (idempotent). Returns the new ETag.</summary>
    public static async Task<string> UpsertAsync(Container container, string partition, Stream body, CancellationToken cancellationToken)
    {
        using (body)
        {
            using var response = await container.UpsertItemStreamAsync(body, new PartitionKey(partition), NoContent, cancellationToken);
            response.EnsureSuccessStatusCode();
            return response.Headers.ETag;
        }
    }

    /// <summary>
    /// Deletes the document (only that version when <paramref name="ifMatch"/> is set: 412 becomes a conflict).
    /// Returns false when it did not exist.
    /// </summary>
    public static async Task<bool> DeleteAsync(
        Container container, string partition, string id, string? ifMatch, string kind, string key, CancellationToken cancellationToken)
    {
        var options = ifMatch is null ? null : new ItemRequestOptions { IfMatchEtag = ifMatch };
        using var response = await container.DeleteItemStreamAsync(id, new PartitionKey(partition), options, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        if (response.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            throw new ConcurrencyConflictException(kind, key, ifMatch);
        }

        response.EnsureSuccessStatusCode();
        return true;
    }

    /// <summary>
    /// Runs a query inside ONE logical partition (the query must filter on <c>c.pk</c> too: the emulator checks it)
    /// and returns at most <paramref name="maxItems"/> documents.
    /// </summary>
    public static async Task<List<CosmosDocument>> QueryAsync(
        Container container, string partition, QueryDefinition query, int maxItems, CancellationToken cancellationToken)
    {
        var options = new QueryRequestOptions
        {
            PartitionKey = new PartitionKey(partition),
            MaxItemCount = Math.Min(maxItems, 1000),
            EnableOptimisticDirectExecution = true,
        };
        var results = new List<CosmosDocument>();
        using var iterator = container.GetItemQueryStreamIterator(query, null, options);
        while (iterator.HasMoreResults && results.Count < maxItems)
        {
            using var response = await iterator.ReadNextAsync(cancellationToken);
            response.EnsureSuccessStatusCode();
            using var json = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken);
            foreach (var item in json.RootElement.GetProperty("Documents").EnumerateArray())
            {
                var etag = item.TryGetProperty("_etag", out var e) ? e.GetString() ?? string.Empty : string.Empty;
                results.Add(new CosmosDocument(item.Clone(), etag));
                if (results.Count == maxItems)
                {
                    break;
                }
            }
        }

        return results;
    }

    /// <summary>
    /// One keyset page of a partition's documents of a type, ordered by their raw key (<c>key</c> field):
    /// <c>SELECT TOP n+1 … WHERE c.pk = @pk AND c.type = @type [AND filter] AND c.key &gt; @after ORDER BY c.key</c>.
    /// </summary>
    public static async Task<(List<CosmosDocument> Items, string? ContinuationToken)> PageAsync(
        Container container, string partition, string type, PageRequest page, string? filter, (string Name, object Value)[] parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var after = Relational.RelationalSupport.FromContinuationToken(page.ContinuationToken);
        var size = page.EffectiveSize;
        var sql = new StringBuilder($"SELECT TOP {size + 1} * FROM c WHERE c.pk = @pk AND c.type = @type");
        if (filter is not null)
        {
            sql.Append(" AND ").Append(filter);
        }

        if (after is not null)
        {
            sql.Append(" AND c.key > @after");
        }

        sql.Append(" ORDER BY c.key");
        var query = new QueryDefinition(sql.ToString()).WithParameter("@pk", partition).WithParameter("@type", type);
        if (after is not null)
        {
            query = query.WithParameter("@after", after);
        }

        foreach (var (name, value) in parameters)
        {
            query = query.WithParameter(name, value);
        }

        var items = await QueryAsync(container, partition, query, size + 1, cancellationToken);
        var hasMore = items.Count > size;
        if (hasMore)
        {
            items.RemoveAt(items.Count - 1);
        }

        return (items, hasMore ? Relational.RelationalSupport.ToContinuationToken(items[^1].Field("key")) : null);
    }

    /// <summary>Every document of a type in a partition, ordered by key (for small per-participant sets).</summary>
    public static async Task<List<CosmosDocument>> AllAsync(Container container, string partition, string type, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.pk = @pk AND c.type = @type ORDER BY c.key")
            .WithParameter("@pk", partition).WithParameter("@type", type);
        return await QueryAsync(container, partition, query, int.MaxValue, cancellationToken);
    }

    // ------------------------------------------------------------ lookups (id → location), partition = id

    /// <summary>Writes a lookup document (idempotent) and caches it.</summary>
    public static async Task PutLookupAsync(CosmosDatabase database, string lookupKey, CosmosLocation location, CancellationToken cancellationToken)
    {
        var id = ToId(lookupKey);
        await UpsertAsync(database.Items, id, Envelope<object>(id, id, "lookup", null, ("key", lookupKey), ("partition", location.Partition), ("documentId", location.DocumentId)), cancellationToken);
        database.Lookups.Set(id, location);
    }

    /// <summary>Creates a lookup document unless one exists; returns the stored location (ours or the existing one).</summary>
    public static async Task<(CosmosLocation Location, bool Created)> ClaimLookupAsync(
        CosmosDatabase database, string lookupKey, CosmosLocation location, CancellationToken cancellationToken)
    {
        var id = ToId(lookupKey);
        var body = Envelope<object>(id, id, "lookup", null, ("key", lookupKey), ("partition", location.Partition), ("documentId", location.DocumentId));
        if (await TryCreateAsync(database.Items, id, body, cancellationToken))
        {
            database.Lookups.Set(id, location);
            return (location, true);
        }

        var existing = await ResolveAsync(database, lookupKey, cancellationToken);
        return (existing ?? location, false);
    }

    /// <summary>The location a lookup points to (cache first), or <see langword="null"/>.</summary>
    public static async Task<CosmosLocation?> ResolveAsync(CosmosDatabase database, string lookupKey, CancellationToken cancellationToken)
    {
        var id = ToId(lookupKey);
        if (database.Lookups.TryGet(id, out var cached))
        {
            return cached;
        }

        var document = await ReadAsync(database.Items, id, id, cancellationToken);
        if (document is null)
        {
            return null;
        }

        var location = new CosmosLocation(document.Field("partition")!, document.Field("documentId")!);
        database.Lookups.Set(id, location);
        return location;
    }

    /// <summary>Deletes a lookup document (missing is fine).</summary>
    public static async Task RemoveLookupAsync(CosmosDatabase database, string lookupKey, CancellationToken cancellationToken)
    {
        var id = ToId(lookupKey);
        database.Lookups.Remove(id);
        await DeleteAsync(database.Items, id, id, null, "lookup", lookupKey, cancellationToken);
    }
}
