using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Relay.Data;
using Relay.Data.Entities;
using Relay.Media.Recording;

namespace Relay.Web.Features.Recordings;

/// <summary>
/// The Hangfire jobs of recordings. Each reads what to do from the database, not from its
/// arguments, so running one twice, late, or after a lost in-memory queue does no harm: a
/// finished row is skipped, and the recurring recovery job picks up whatever a lost job left.
/// </summary>
public sealed partial class RecordingJobs(
    RelayDbContext db,
    RecordingStorage storage,
    CallRecorder recorder,
    IOptions<RecordingSettings> settings,
    TimeProvider time,
    ILogger<RecordingJobs> logger)
{
    public const string RecoverJobId = "recordings-recover";
    public const string RetentionJobId = "recordings-retention";

    // Finalising rewrites a file in place: the finalise and recovery jobs must never do it to the same file at once.
    private static readonly SemaphoreSlim FinalizeGate = new(1, 1);

    /// <summary>Finalises the files of one stopped recording session (after its call ended, or it was stopped).</summary>
    [AutomaticRetry(Attempts = 3)]
    public async Task FinalizeSessionAsync(Guid sessionId)
    {
        if (recorder.IsLive(sessionId))
        {
            return;
        }

        var ids = await db.Recordings
            .Where(r => r.SessionId == sessionId && (r.Status == RecordingStatus.Recording || r.Status == RecordingStatus.Finalising))
            .Select(r => r.Id)
            .ToListAsync();
        foreach (var id in ids)
        {
            await FinalizeAsync(id);
        }
    }

    /// <summary>
    /// Recovery after a crash or kill: every recording still marked Recording or Finalising that no
    /// live call of this node is writing is finalised from what reached the disk.
    /// </summary>
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RecoverAsync()
    {
        var candidates = await db.Recordings
            .Where(r => r.Status == RecordingStatus.Recording || r.Status == RecordingStatus.Finalising)
            .Select(r => new { r.Id, r.SessionId })
            .ToListAsync();
        foreach (var candidate in candidates)
        {
            if (!recorder.IsLive(candidate.SessionId))
            {
                await FinalizeAsync(candidate.Id);
            }
        }
    }

    /// <summary>Deletes recordings (file and row) older than <c>Recording:RetentionDays</c>.</summary>
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task ApplyRetentionAsync()
    {
        var days = settings.Value.RetentionDays;
        if (days <= 0)
        {
            return;
        }

        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-days);
        var old = await db.Recordings.Where(r => r.CreatedAt < cutoff).ToListAsync();
        foreach (var recording in old)
        {
            if (recorder.IsLive(recording.SessionId))
            {
                continue;
            }

            await RecordingFiles.DeleteAsync(db, storage, recording);
        }

        if (old.Count > 0)
        {
            LogRetention(logger, old.Count, days);
        }
    }

    /// <summary>Finalises one file and records the outcome; a row already Ready or Failed is left alone.</summary>
    private async Task FinalizeAsync(Guid id)
    {
        await FinalizeGate.WaitAsync();
        try
        {
            var recording = await db.Recordings.SingleOrDefaultAsync(r => r.Id == id);
            if (recording is null || recording.Status is RecordingStatus.Ready or RecordingStatus.Failed)
            {
                return;
            }

            recording.EndedAt ??= time.GetUtcNow().UtcDateTime;
            var path = storage.FullPath(recording.FilePath);
            if (!File.Exists(path))
            {
                recording.Status = RecordingStatus.Failed;
                recording.FailureReason = "The file is missing.";
            }
            else if (WebmFinalizer.TryFinalize(path, out var summary))
            {
                recording.Status = RecordingStatus.Ready;
                recording.Duration = summary.Duration;
                recording.FirstFrame = summary.FirstFrame;
                recording.SizeBytes = summary.FileSize;
                recording.HasVideo = summary.VideoFrames > 0;
                recording.FailureReason = null;
            }
            else
            {
                recording.Status = RecordingStatus.Failed;
                recording.SizeBytes = new FileInfo(path).Length;
                recording.FailureReason = "The file holds no playable media.";
            }

            await db.SaveChangesAsync();
            LogFinalized(logger, id, recording.Status);
        }
        finally
        {
            FinalizeGate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recording {RecordingId} finalised: {Status}")]
    private static partial void LogFinalized(ILogger logger, Guid recordingId, RecordingStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention deleted {Count} recordings older than {Days} days")]
    private static partial void LogRetention(ILogger logger, int count, int days);
}
