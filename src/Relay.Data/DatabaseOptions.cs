namespace Relay.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>The "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Required for SQL Server. For SQLite, empty means a file in the data directory.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations at start-up (the embedded default needs it; production may run them separately).</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
