using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Relay.Data;

namespace Relay.Web.Features.Quality;

/// <summary>The Hangfire job of the quality timeline: retention of its samples.</summary>
public sealed partial class QualityJobs(
    RelayDbContext db,
    IOptions<QualitySettings> settings,
    TimeProvider time,
    ILogger<QualityJobs> logger)
{
    public const string RetentionJobId = "quality-samples-retention";

    // Deleted a batch at a time, so a first run over a large table holds no long write lock
    // (SQLite's one writer, SQL Server's lock escalation) against the samples of live calls.
    private const int BatchSize = 5_000;

    /// <summary>Deletes the samples older than <c>Quality:SampleRetentionDays</c>.</summary>
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task ApplyRetentionAsync()
    {
        var days = settings.Value.SampleRetentionDays;
        if (days <= 0)
        {
            return;
        }

        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-days);
        var deleted = 0;
        int batch;
        do
        {
            batch = await db.QualitySamples
                .Where(s => s.At < cutoff)
                .OrderBy(s => s.Id)
                .Take(BatchSize)
                .ExecuteDeleteAsync();
            deleted += batch;
        }
        while (batch == BatchSize);

        if (deleted > 0)
        {
            LogRetention(logger, deleted, days);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention deleted {Count} quality samples older than {Days} days")]
    private static partial void LogRetention(ILogger logger, int count, int days);
}
