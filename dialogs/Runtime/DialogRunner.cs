using System.Data.Common;
using System.Text.Json;
using EngagementBot.Storage;
using Microsoft.Extensions.Logging;

namespace EngagementBot.Dialogs.Runtime;

/// <summary>
/// Runs a turn of <see cref="IDialog"/> in one storage transaction: loads the conversation's state with its
/// ETag, runs the dialog (which stores answers as it goes), writes the state back only if nobody changed it
/// meanwhile, and commits. On a conflict everything is rolled back and the turn runs again on fresh state,
/// so a quick second message never loses an answer.
/// </summary>
public sealed partial class DialogRunner(
    IStateStore stateStore,
    IStorageUnitOfWork unitOfWork,
    IDialog dialog,
    ConversationLocks locks,
    ILogger<DialogRunner> logger)
{
    /// <summary>How many times a turn is tried before the conflict is reported.</summary>
    public const int MaxAttempts = 5;

    private static readonly string EmptyStateJson = JsonSerializer.Serialize(new DialogState(), DialogStateJsonContext.Default.DialogState);

    /// <summary>The state key of a conversation.</summary>
    public static string StateKey(string conversationKey) => $"{conversationKey}/dialog";

    /// <summary>Runs one turn and returns its replies.</summary>
    public async Task<DialogTurnResult> RunAsync(DialogInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var held = await locks.AcquireAsync(input.ConversationKey, cancellationToken);
        var key = StateKey(input.ConversationKey);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var transaction = await unitOfWork.BeginAsync(cancellationToken);
                var stored = await stateStore.ReadAsync([key], cancellationToken);
                var item = stored.GetValueOrDefault(key);
                var state = item is null ? new DialogState() : Deserialize(item.Json);
                var turn = new DialogTurn(input, state);
                await dialog.RunAsync(turn, cancellationToken);
                var json = JsonSerializer.Serialize(state, DialogStateJsonContext.Default.DialogState);
                if (turn.StateForgotten)
                {
                    // Erased personal data: the state must not be written back (deleting a missing key is a no-op).
                    await stateStore.DeleteAsync([key], cancellationToken);
                }
                else if (json != (item?.Json ?? EmptyStateJson))
                {
                    await stateStore.WriteAsync([StateChange.After(item, key, json)], cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                return new DialogTurnResult(turn.Replies, turn.Language);
            }
            catch (Exception ex) when (attempt < MaxAttempts && ex is ConcurrencyConflictException or DbException { IsTransient: true })
            {
                LogRetry(logger, attempt, ex.GetType().Name);
            }
        }
    }

    private static DialogState Deserialize(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, DialogStateJsonContext.Default.DialogState) ?? new DialogState();
        }
        catch (JsonException)
        {
            return new DialogState();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dialog turn attempt {Attempt} lost a concurrency race ({Kind}); running it again on fresh state")]
    private static partial void LogRetry(ILogger logger, int attempt, string kind);
}
