using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bot.Persistence;

/// <summary>Turns on <c>PRAGMA secure_delete</c> for every connection EF opens: SQLite then overwrites deleted
/// content with zeros instead of leaving it in free space, so what /deleteme erases is gone from the file too, not
/// just from the tables. It costs some extra writes on delete, which the bot does rarely.</summary>
internal sealed class SqliteSecureDelete : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is SqliteConnection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA secure_delete=ON;";
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection is SqliteConnection)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA secure_delete=ON;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
