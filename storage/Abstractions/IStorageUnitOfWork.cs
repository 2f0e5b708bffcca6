namespace EngagementBot.Storage;

/// <summary>
/// Groups the writes of one turn (e.g. state write + answer append) into one transaction. Stores used in
/// the same DI scope enlist in the open transaction automatically. Providers without multi-item
/// transactions (Cosmos DB across containers) return a transaction that only marks the boundary.
/// </summary>
public interface IStorageUnitOfWork
{
    /// <summary>Begins a transaction; dispose it without <see cref="IStorageTransaction.CommitAsync"/> to roll back.</summary>
    Task<IStorageTransaction> BeginAsync(CancellationToken cancellationToken);
}

/// <summary>An open storage transaction.</summary>
public interface IStorageTransaction : IAsyncDisposable
{
    /// <summary>Makes the transaction's writes durable.</summary>
    Task CommitAsync(CancellationToken cancellationToken);
}
