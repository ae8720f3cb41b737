using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Bot.Tests.Persistence;

public sealed class MigrationTests : IDisposable
{
    /// <summary>The last migration written by hand: databases in use were created up to here.</summary>
    private const string LastHandWritten = "20261121000006_ChatHeardFrom";

    private readonly string folder = Directory.CreateTempSubdirectory("bot-migrations-").FullName;

    [Fact]
    public void Model_HasNoChangesThatLackAMigration()
    {
        using var db = Context("model.db");

        // A model change without `dotnet ef migrations add` would leave existing databases behind, and the bot
        // would refuse to start on them.
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changed: add a SQLite migration (README, \"Migrations\").");
    }

    [Fact]
    public void Model_HasNoChangesThatLackAPostgreSqlMigration()
    {
        // Building the context opens no connection: no server is needed to compare the model with the snapshot.
        using var db = PersistenceServiceCollectionExtensions.MigrationContext("Host=localhost;Database=bot");

        Assert.IsType<PostgreSqlBotDbContext>(db);
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changed: add a PostgreSQL migration (README, \"Migrations\").");
    }

    [Fact]
    public async Task Migrate_ADatabaseFromTheHandWrittenMigrations_KeepsItsRows()
    {
        await using (var db = Context("upgraded.db"))
        {
            await db.GetService<IMigrator>().MigrateAsync(LastHandWritten);
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO chapters (id, name, parent_id, group_chat_id, created_at) VALUES (1, 'Landesverband', NULL, -100123, '2026-11-01 09:00:00');
                INSERT INTO members (user_id, display_name, username, language, joined_at, consented_at, reachable) VALUES (42, 'Alice', 'alice', 'de', '2026-11-02 10:00:00', '2026-11-02 10:00:00', 1);
                INSERT INTO memberships (user_id, chapter_id, role, since) VALUES (42, 1, 2, '2026-11-02 10:00:00');
                INSERT INTO events (id, chapter_id, title, place, starts_at, deadline_at, capacity, max_guests, created_by, created_at, cancelled_at, next_ticket, version)
                    VALUES (7, 1, 'Stammtisch', 'Ratskeller', '2026-11-23 18:00:00', NULL, 20, 1, 42, '2026-11-03 08:00:00', NULL, 2, 3);
                INSERT INTO rsvps (id, event_id, user_id, answer, guests, ticket, answered_at) VALUES (1, 7, 42, 1, 1, 1, '2026-11-04 12:00:00');
                INSERT INTO chats (chat_id, unreachable, unreachable_since, unreachable_reason, migrated_to_chat_id, heard_from_at, updated_at)
                    VALUES (42, 0, NULL, NULL, NULL, '2026-11-04 11:59:00', '2026-11-04 12:00:00');
                """);
        }

        await using (var db = Context("upgraded.db"))
        {
            await db.Database.MigrateAsync();

            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            var chapter = Assert.Single(await db.Chapters.ToListAsync());
            Assert.Equal(("Landesverband", (long?)-100123), (chapter.Name, chapter.GroupChatId));
            var member = Assert.Single(await db.Members.ToListAsync());
            Assert.Equal(("Alice", "alice"), (member.DisplayName, member.Username));
            Assert.Equal(Role.Organizer, Assert.Single(await db.Memberships.ToListAsync()).Role);
            var evt = Assert.Single(await db.Events.ToListAsync());
            Assert.Equal(("Stammtisch", new DateTime(2026, 11, 23, 18, 0, 0, DateTimeKind.Utc), (int?)20, 3), (evt.Title, evt.StartsAt, evt.Capacity, evt.Version));
            var rsvp = Assert.Single(await db.Rsvps.ToListAsync());
            Assert.Equal((7L, 42L, Answer.Yes, 1), (rsvp.EventId, rsvp.UserId!.Value, rsvp.Answer, rsvp.Guests));
            Assert.Equal(new DateTime(2026, 11, 4, 11, 59, 0, DateTimeKind.Utc), Assert.Single(await db.Chats.ToListAsync()).HeardFromAt);
        }
    }

    private BotDbContext Context(string file)
    {
        var db = PersistenceServiceCollectionExtensions.MigrationContext($"Data Source={Path.Combine(folder, file)};Pooling=False");
        Assert.IsType<SqliteBotDbContext>(db);
        return db;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
