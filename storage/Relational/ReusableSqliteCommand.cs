using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace EngagementBot.Storage.Relational;

/// <summary>
/// A SQLite command kept with its connection so its statement is prepared once, not on every execution:
/// <c>Dispose</c> hands it back instead of finalizing the statement. Microsoft.Data.Sqlite prepares the SQL of a
/// new command each time it runs; with the per-scope connections kept open (<see cref="RelationalDatabase.RentConnection"/>),
/// reusing the command of a hot-path statement roughly halves a turn's storage time (measured in
/// <c>bench/EngagementBot.Storage.Bench</c>). The statements are finalized when the connection closes.
/// </summary>
internal sealed class ReusableSqliteCommand : SqliteCommand
{
    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, ReusableSqliteCommand>> Commands = [];

    private bool _inUse;

    /// <summary>
    /// The command for <paramref name="sql"/> on <paramref name="connection"/>, parameters cleared; a fresh one
    /// when that command is still in use (a reader of it is open).
    /// </summary>
    public static SqliteCommand For(SqliteConnection connection, string sql)
    {
        var commands = Commands.GetOrCreateValue(connection);
        if (!commands.TryGetValue(sql, out var command))
        {
            command = new ReusableSqliteCommand { Connection = connection, CommandText = sql };
            commands[sql] = command;
        }
        else if (command._inUse)
        {
            return new SqliteCommand(sql, connection);
        }

        command._inUse = true;
        command.Parameters.Clear();
        command.Transaction = null;
        return command;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Back to the connection's set, prepared; the connection finalizes it when it closes.
            _inUse = false;
            return;
        }

        base.Dispose(disposing);
    }
}
