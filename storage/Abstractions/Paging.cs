namespace EngagementBot.Storage;

/// <summary>A request for one page of a listing.</summary>
/// <param name="PageSize">Items wanted (1–1000).</param>
/// <param name="ContinuationToken">Opaque token from the previous page; <see langword="null"/> for the first page.</param>
public sealed record PageRequest(int PageSize = 100, string? ContinuationToken = null)
{
    /// <summary>Largest page a store returns.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>The first page of <paramref name="pageSize"/> items.</summary>
    public static PageRequest First(int pageSize = 100) => new(pageSize);

    /// <summary>The page size clamped to 1–<see cref="MaxPageSize"/>.</summary>
    public int EffectiveSize => Math.Clamp(PageSize, 1, MaxPageSize);
}

/// <summary>One page of a listing.</summary>
/// <typeparam name="T">Item type.</typeparam>
/// <param name="Items">The items of this page, in the listing's order.</param>
/// <param name="ContinuationToken">Token for the next page; <see langword="null"/> when this is the last page.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, string? ContinuationToken);

/// <summary>Reading a paged listing to the end.</summary>
public static class Pages
{
    /// <summary>Every item of a paged listing, read in pages of <see cref="PageRequest.MaxPageSize"/>.</summary>
    public static async Task<List<T>> AllAsync<T>(Func<PageRequest, CancellationToken, Task<Page<T>>> list, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(list);
        var items = new List<T>();
        var request = PageRequest.First(PageRequest.MaxPageSize);
        while (true)
        {
            var page = await list(request, cancellationToken);
            items.AddRange(page.Items);
            if (page.ContinuationToken is null)
            {
                return items;
            }

            request = new PageRequest(PageRequest.MaxPageSize, page.ContinuationToken);
        }
    }
}
