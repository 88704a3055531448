using Microsoft.EntityFrameworkCore;
using Relay.Data.Entities;
using Relay.Media.Recording;
using Relay.Web.Features.Recordings;
using Relay.Web.Tests.Infrastructure;

namespace Relay.Web.Tests.Features.Recordings;

/// <summary>
/// The recording jobs on a real server and its SQLite database, with files written by the real
/// recorder: recovery of a file cut by a kill, idempotent finalising, and retention.
/// </summary>
public sealed class RecordingJobsTests : IAsyncLifetime
{
    private RelayServer _server = null!;

    public async Task InitializeAsync() => _server = await RelayServer.StartAsync("--Recording:RetentionDays", "30");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Recovery_turns_a_file_cut_mid_recording_into_a_ready_one_and_a_hopeless_file_into_failed()
    {
        var (call, userId) = await CallParties.EndedCallAsync(_server);
        var sessionId = Guid.CreateVersion7();
        var cut = await AddRecordingAsync(call, userId, sessionId, RecordingStatus.Recording, DateTime.UtcNow);
        await WriteCutFileAsync(FullPath(cut));
        var hopeless = await AddRecordingAsync(call, userId, sessionId, RecordingStatus.Finalising, DateTime.UtcNow);
        await File.WriteAllBytesAsync(FullPath(hopeless), [0x1A, 0x45, 0xDF]);

        await RunAsync(j => j.RecoverAsync());

        var recovered = await RowAsync(cut.Id);
        Assert.Equal(RecordingStatus.Ready, recovered.Status);
        Assert.InRange(recovered.Duration!.Value, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(3));
        Assert.Equal(new FileInfo(FullPath(cut)).Length, recovered.SizeBytes);
        Assert.True(WebmFinalizer.TryFinalize(FullPath(cut), out var again));
        Assert.Equal(recovered.SizeBytes, again.FileSize);
        var failed = await RowAsync(hopeless.Id);
        Assert.Equal(RecordingStatus.Failed, failed.Status);
        Assert.NotNull(failed.FailureReason);

        // Idempotent: running the jobs again changes nothing.
        await RunAsync(j => j.RecoverAsync());
        await RunAsync(j => j.FinalizeSessionAsync(sessionId));
        var afterwards = await RowAsync(cut.Id);
        Assert.Equal((recovered.Status, recovered.Duration, recovered.SizeBytes), (afterwards.Status, afterwards.Duration, afterwards.SizeBytes));
    }

    [Fact]
    public async Task Retention_deletes_recordings_older_than_the_limit_with_their_files_and_keeps_newer_ones()
    {
        var (call, userId) = await CallParties.EndedCallAsync(_server);
        var old = await AddRecordingAsync(call, userId, Guid.CreateVersion7(), RecordingStatus.Ready, DateTime.UtcNow.AddDays(-31));
        var recent = await AddRecordingAsync(call, userId, Guid.CreateVersion7(), RecordingStatus.Ready, DateTime.UtcNow.AddDays(-29));
        await File.WriteAllBytesAsync(FullPath(old), [1, 2, 3]);
        await File.WriteAllBytesAsync(FullPath(recent), [4, 5, 6]);

        await RunAsync(j => j.ApplyRetentionAsync());

        Assert.Null(await _server.QueryAsync(db => db.Recordings.SingleOrDefaultAsync(r => r.Id == old.Id)));
        Assert.False(File.Exists(FullPath(old)));
        Assert.NotNull(await _server.QueryAsync(db => db.Recordings.SingleOrDefaultAsync(r => r.Id == recent.Id)));
        Assert.True(File.Exists(FullPath(recent)));
    }

    [Fact]
    public async Task A_missing_file_fails_with_a_reason()
    {
        var (call, userId) = await CallParties.EndedCallAsync(_server);
        var sessionId = Guid.CreateVersion7();
        var missing = await AddRecordingAsync(call, userId, sessionId, RecordingStatus.Finalising, DateTime.UtcNow);

        await RunAsync(j => j.FinalizeSessionAsync(sessionId));

        var row = await RowAsync(missing.Id);
        Assert.Equal(RecordingStatus.Failed, row.Status);
        Assert.Equal("The file is missing.", row.FailureReason);
    }

    private string FullPath(Recording recording) => Path.Combine(_server.DataDirectory, "recordings", recording.FilePath);

    private async Task RunAsync(Func<RecordingJobs, Task> job)
    {
        await using var scope = _server.Services.CreateAsyncScope();
        await job(scope.ServiceProvider.GetRequiredService<RecordingJobs>());
    }

    private Task<Recording> RowAsync(Guid id) => _server.QueryAsync(db => db.Recordings.AsNoTracking().SingleAsync(r => r.Id == id));

    private async Task<Recording> AddRecordingAsync(Guid callId, string userId, Guid sessionId, RecordingStatus status, DateTime createdAt)
    {
        var id = Guid.CreateVersion7();
        var recording = new Recording
        {
            Id = id,
            CallId = callId,
            SessionId = sessionId,
            UserId = userId,
            FilePath = RecordingStorage.NewRelativePath(callId, id),
            Format = "webm",
            Status = status,
            CreatedAt = createdAt,
        };
        await _server.QueryAsync(async db =>
        {
            db.Recordings.Add(recording);
            return await db.SaveChangesAsync();
        });
        Directory.CreateDirectory(Path.GetDirectoryName(FullPath(recording))!);
        return recording;
    }

    /// <summary>
    /// What a killed process leaves: the bytes on disk while the recorder is still writing, copied
    /// before it is stopped (so no closing write is in them).
    /// </summary>
    private static async Task WriteCutFileAsync(string destination)
    {
        var live = Path.Combine(Path.GetTempPath(), $"relay-live-{Guid.NewGuid():N}.webm");
        var session = RecordingSession.Start(live, new RecordingOptions { Video = false, FlushInterval = TimeSpan.FromMilliseconds(200) }, new CallClock(TimeProvider.System));
        try
        {
            for (var i = 0; i < 75; i++)
            {
                var opus = new byte[24];
                opus[0] = 19 << 3;
                byte[] header = [0x80, 111, (byte)(i >> 8), (byte)i, (byte)(i * 960 >> 24), (byte)(i * 960 >> 16), (byte)(i * 960 >> 8), (byte)(i * 960), 0xAA, 0xAA, 0xAA, 0xAA];
                session.OnAudioRtp([.. header, .. opus]);
                await Task.Delay(20);
            }

            await Eventually.TrueAsync(() => Task.FromResult(session.AudioFramesWritten >= 60), "the writer to take the packets");
            await Task.Delay(500); // a flush interval or two
            await using (var open = new FileStream(live, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            await using (var copy = File.Create(destination))
            {
                await open.CopyToAsync(copy);
            }
        }
        finally
        {
            await session.StopAsync();
            File.Delete(live);
        }
    }
}
