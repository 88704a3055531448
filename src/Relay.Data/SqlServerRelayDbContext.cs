using Microsoft.EntityFrameworkCore;

namespace Relay.Data;

/// <summary>The production provider; its migrations live in Migrations/SqlServer.</summary>
public sealed class SqlServerRelayDbContext(DbContextOptions<SqlServerRelayDbContext> options) : RelayDbContext(options);
