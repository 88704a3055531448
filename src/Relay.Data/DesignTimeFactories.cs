using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Relay.Data;

// Used only by `dotnet ef migrations add`; the connection strings are never opened.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteRelayDbContext>
{
    public SqliteRelayDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteRelayDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerRelayDbContext>
{
    public SqlServerRelayDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerRelayDbContext>().UseSqlServer("Server=design;Database=MediaRelay;TrustServerCertificate=true").Options);
}
