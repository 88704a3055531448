using Microsoft.EntityFrameworkCore;

namespace Relay.Data;

/// <summary>The embedded default provider; its migrations live in Migrations/Sqlite.</summary>
public sealed class SqliteRelayDbContext(DbContextOptions<SqliteRelayDbContext> options) : RelayDbContext(options);
