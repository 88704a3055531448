using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Relay.Data.Tests.Migrations;

/// <summary>
/// No SQL Server runs on these machines, so the SQL Server migrations are checked by generating
/// their script (which needs no connection) and reading what it would do.
/// </summary>
public sealed partial class SqlServerMigrationTests
{
    private static SqlServerRelayDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<SqlServerRelayDbContext>()
            .UseSqlServer("Server=unused.invalid;Database=MediaRelay;TrustServerCertificate=true")
            .Options);

    [Fact]
    public void The_model_has_no_changes_missing_from_the_migrations()
    {
        using var db = CreateContext();

        Assert.False(db.Database.HasPendingModelChanges(), "run `dotnet ef migrations add` for SqlServerRelayDbContext");
    }

    [Fact]
    public void The_script_creates_every_table_with_sql_server_types()
    {
        using var db = CreateContext();

        var script = db.GetService<IMigrator>().GenerateScript();

        foreach (var table in new[] { "AspNetUsers", "AspNetRoles", "Conversations", "ConversationMembers", "Messages", "Calls" })
        {
            Assert.Contains($"CREATE TABLE [{table}] (", script, StringComparison.Ordinal);
        }

        Assert.Contains("[Id] bigint NOT NULL IDENTITY", script, StringComparison.Ordinal);
        Assert.Contains("[Id] uniqueidentifier NOT NULL", script, StringComparison.Ordinal);
        Assert.Contains("[Text] nvarchar(max) NOT NULL", script, StringComparison.Ordinal);
        Assert.Contains("datetime2", script, StringComparison.Ordinal);
        Assert.Contains("INSERT INTO [__EFMigrationsHistory]", script, StringComparison.Ordinal);
        Assert.DoesNotContain("AUTOINCREMENT", script, StringComparison.Ordinal);
        Assert.DoesNotContain(" TEXT ", script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_unique_private_key_index_ignores_groups()
    {
        // SQL Server treats NULLs as equal in a unique index; without the filter, a second group
        // (PrivateKey NULL) would violate it.
        using var db = CreateContext();

        var script = db.GetService<IMigrator>().GenerateScript();

        Assert.Contains("CREATE UNIQUE INDEX [IX_Conversations_PrivateKey] ON [Conversations] ([PrivateKey]) WHERE [PrivateKey] IS NOT NULL;", script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_idempotent_script_guards_every_migration_and_balances_its_blocks()
    {
        using var db = CreateContext();

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        foreach (var migration in db.Database.GetMigrations())
        {
            Assert.Contains($"WHERE [MigrationId] = N'{migration}'", script, StringComparison.Ordinal);
        }

        Assert.Equal(BeginBlock().Count(script), EndBlock().Count(script));
        Assert.Equal(CountOf(script, '('), CountOf(script, ')'));
    }

    [Fact]
    public void Choosing_sql_server_without_a_connection_string_fails_with_a_clear_message()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = "SqlServer" })
            .Build();

        var error = Assert.Throws<InvalidOperationException>(() => { new ServiceCollection().AddRelayData(configuration, Path.GetTempPath()); });

        Assert.Equal("Database:Provider is SqlServer but Database:ConnectionString is empty.", error.Message);
    }

    private static int CountOf(string text, char c)
    {
        var n = 0;
        foreach (var ch in text)
        {
            if (ch == c)
            {
                n++;
            }
        }

        return n;
    }

    [GeneratedRegex(@"^\s*BEGIN\s*$", RegexOptions.Multiline)]
    private static partial Regex BeginBlock();

    [GeneratedRegex(@"^\s*END;\s*$", RegexOptions.Multiline)]
    private static partial Regex EndBlock();
}
