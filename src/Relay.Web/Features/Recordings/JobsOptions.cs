namespace Relay.Web.Features.Recordings;

public enum JobStorageKind
{
    InMemory,
    SqlServer,
}

/// <summary>
/// The "Jobs" configuration section (Hangfire). In-memory storage loses its queue on a restart,
/// which the jobs tolerate: they are derived from the database and the recurring recovery job
/// redoes whatever a lost job would have done.
/// </summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    public JobStorageKind Storage { get; set; } = JobStorageKind.InMemory;

    /// <summary>For SQL Server storage; empty means Database:ConnectionString.</summary>
    public string? ConnectionString { get; set; }

    public int WorkerCount { get; set; } = 2;

    /// <summary>Cron of the recovery job (finalises recordings a crash left unfinished).</summary>
    public string RecoverySchedule { get; set; } = "* * * * *";

    /// <summary>Cron of the retention job.</summary>
    public string RetentionSchedule { get; set; } = "17 * * * *";
}
