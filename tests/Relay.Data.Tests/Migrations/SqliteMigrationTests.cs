using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Relay.Data.Entities;

namespace Relay.Data.Tests.Migrations;

/// <summary>The embedded default: migrations applied to a real, empty SQLite file.</summary>
public sealed class SqliteMigrationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("relay-data-").FullName;

    private string DatabasePath => Path.Combine(_directory, "test.db");

    [Fact]
    public async Task Migrations_create_every_table_in_an_empty_file()
    {
        await using (var db = CreateContext())
        {
            await db.Database.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }

        var tables = await ReadTableNamesAsync();
        Assert.Superset(
            new HashSet<string> { "AspNetUsers", "AspNetRoles", "AspNetUserRoles", "Conversations", "ConversationMembers", "Messages", "Calls", "__EFMigrationsHistory" },
            tables);
    }

    [Fact]
    public async Task The_model_has_no_changes_missing_from_the_migrations()
    {
        await using var db = CreateContext();

        Assert.False(db.Database.HasPendingModelChanges(), "run `dotnet ef migrations add` for SqliteRelayDbContext");
    }

    [Fact]
    public async Task Applying_migrations_twice_is_harmless()
    {
        await using (var first = CreateContext())
        {
            await first.Database.MigrateAsync();
        }

        await using var second = CreateContext();
        await second.Database.MigrateAsync();
        Assert.Equal(await second.Database.GetAppliedMigrationsAsync(), second.Database.GetMigrations());
    }

    [Fact]
    public async Task Times_come_back_as_utc_and_the_private_pair_is_unique()
    {
        var sentAt = new DateTime(2026, 11, 24, 8, 30, 15, DateTimeKind.Utc);
        await using (var db = CreateContext())
        {
            await db.Database.MigrateAsync();
            var alice = new AppUser { UserName = "alice", NormalizedUserName = "ALICE", CreatedAt = sentAt };
            var bob = new AppUser { UserName = "bob", NormalizedUserName = "BOB", CreatedAt = sentAt };
            var conversation = new Conversation { Id = Guid.NewGuid(), Kind = ConversationKind.Private, PrivateKey = Conversation.PrivateKeyFor(alice.Id, bob.Id), CreatedAt = sentAt, LastActivityAt = sentAt };
            conversation.Messages.Add(new Message { Sender = alice, Text = "hi", SentAt = sentAt });
            db.AddRange(alice, bob, conversation);
            await db.SaveChangesAsync();

            db.Add(new Conversation { Id = Guid.NewGuid(), Kind = ConversationKind.Private, PrivateKey = Conversation.PrivateKeyFor(bob.Id, alice.Id), CreatedAt = sentAt, LastActivityAt = sentAt });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using var fresh = CreateContext();
        var message = await fresh.Messages.SingleAsync();
        Assert.Equal(DateTimeKind.Utc, message.SentAt.Kind);
        Assert.Equal(sentAt, message.SentAt);
    }

    [Fact]
    public async Task Groups_without_a_private_key_do_not_collide()
    {
        await using var db = CreateContext();
        await db.Database.MigrateAsync();
        var now = DateTime.UtcNow;

        db.AddRange(
            new Conversation { Id = Guid.NewGuid(), Kind = ConversationKind.Group, Title = "one", CreatedAt = now, LastActivityAt = now },
            new Conversation { Id = Guid.NewGuid(), Kind = ConversationKind.Group, Title = "two", CreatedAt = now, LastActivityAt = now });
        await db.SaveChangesAsync();

        Assert.Equal(2, await db.Conversations.CountAsync());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private SqliteRelayDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<SqliteRelayDbContext>().UseSqlite($"Data Source={DatabasePath}").Options);

    private async Task<HashSet<string>> ReadTableNamesAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        var names = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
