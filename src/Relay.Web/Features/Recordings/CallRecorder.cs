using System.Collections.Concurrent;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Relay.Data;
using Relay.Data.Entities;
using Relay.Media.Recording;
using Relay.Media.Sessions;
using Relay.Web.Features.Calls;

namespace Relay.Web.Features.Recordings;

/// <summary>
/// Starts and stops the recordings of this node's calls: a row per party first (so a crash
/// after the file exists still leaves a row for the recovery job), then a
/// <see cref="RecordingSession"/> per party tapped into its leg. Stopping closes the files, marks
/// the rows Finalising and queues the finalise job. A recording stays "live" here until its rows
/// say Finalising, so the recovery job never touches a file still being written.
/// </summary>
public sealed partial class CallRecorder(
    IServiceScopeFactory scopes,
    RecordingStorage storage,
    MediaRelayHost media,
    IBackgroundJobClient jobs,
    IOptions<RecordingSettings> settings,
    TimeProvider time,
    ILogger<CallRecorder> logger)
{
    private readonly ConcurrentDictionary<Guid, LiveRecording> _live = new();

    public RecordingMode Mode => settings.Value.Mode;

    public bool IsRecording(Guid callId) => _live.ContainsKey(callId);

    /// <summary>True while a session's files are open or being closed on this node.</summary>
    public bool IsLive(Guid sessionId)
    {
        foreach (var (_, live) in _live)
        {
            if (live.SessionId == sessionId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Starts recording every party; null when the call is already being recorded.</summary>
    /// <param name="parties">Each party's user id and current leg.</param>
    internal async Task<Guid?> StartAsync(Guid callId, string startedBy, IReadOnlyList<(string UserId, MediaLeg Leg)> parties)
    {
        var live = new LiveRecording(Guid.CreateVersion7(), startedBy);
        if (!_live.TryAdd(callId, live))
        {
            return null;
        }

        try
        {
            var now = time.GetUtcNow().UtcDateTime;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<RelayDbContext>();
                foreach (var (userId, leg) in parties)
                {
                    var id = Guid.CreateVersion7();
                    db.Recordings.Add(new Recording
                    {
                        Id = id,
                        CallId = callId,
                        SessionId = live.SessionId,
                        UserId = userId,
                        FilePath = RecordingStorage.NewRelativePath(callId, id),
                        Format = "webm",
                        Status = RecordingStatus.Recording,
                        HasVideo = leg.Video is not null,
                        CreatedAt = now,
                    });
                    live.Parties.Add(new RecordedParty(id, userId, leg));
                }

                await db.SaveChangesAsync();
            }

            live.Clock = new CallClock(time);
            foreach (var party in live.Parties)
            {
                var path = storage.FullPath(RecordingStorage.NewRelativePath(callId, party.RecordingId));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                party.Session = RecordingSession.Start(path, party.Leg.RecordingOptions(), live.Clock, media.Running?.Counters, party);
            }

            // Taps go in together, after every file exists, so neither party's file starts late.
            foreach (var party in live.Parties)
            {
                party.Leg.Recorder = party.Session;
                party.Leg.RequestVideoKeyFrame();
            }
        }
        catch
        {
            await StopAsync(callId);
            throw;
        }

        LogStarted(logger, callId, live.SessionId);
        return live.SessionId;
    }

    /// <summary>A party's leg was replaced by a new offer: its recording follows the party.</summary>
    internal void LegReplaced(Guid callId, string userId, MediaLeg? replaced, MediaLeg leg)
    {
        if (!_live.TryGetValue(callId, out var live))
        {
            return;
        }

        foreach (var party in live.Parties)
        {
            if (party.UserId == userId && party.Session is { } session)
            {
                party.Leg = leg;
                leg.Recorder = session;
                if (replaced is not null)
                {
                    replaced.Recorder = null;
                }
            }
        }
    }

    /// <summary>Stops the call's recording, if any: files closed, rows Finalising, finalise job queued. Returns the session stopped.</summary>
    internal async Task<Guid?> StopAsync(Guid callId)
    {
        if (!_live.TryGetValue(callId, out var live) || !live.TryBeginStop())
        {
            return null;
        }

        try
        {
            foreach (var party in live.Parties)
            {
                party.Leg.Recorder = null;
            }

            var failures = new Dictionary<Guid, string>();
            foreach (var party in live.Parties)
            {
                if (party.Session is { } session)
                {
                    await session.StopAsync();
                    if (session.Failure is { } failure)
                    {
                        failures[party.RecordingId] = Truncate("The writer failed: " + failure.Message);
                    }
                }
                else
                {
                    failures[party.RecordingId] = "The recording could not be started.";
                }
            }

            var now = time.GetUtcNow().UtcDateTime;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RelayDbContext>();
            await db.Recordings.Where(r => r.SessionId == live.SessionId && r.Status == RecordingStatus.Recording)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RecordingStatus.Finalising).SetProperty(r => r.EndedAt, now));
            foreach (var (id, reason) in failures)
            {
                await db.Recordings.Where(r => r.Id == id)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RecordingStatus.Failed).SetProperty(r => r.FailureReason, reason));
            }
        }
        finally
        {
            _live.TryRemove(new KeyValuePair<Guid, LiveRecording>(callId, live));
        }

        var sessionId = live.SessionId;
        jobs.Enqueue<RecordingJobs>(j => j.FinalizeSessionAsync(sessionId));
        LogStopped(logger, callId, sessionId);
        return sessionId;
    }

    private static string Truncate(string text) => text.Length <= DataLimits.RecordingFailureLength ? text : text[..DataLimits.RecordingFailureLength];

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: recording {SessionId} started")]
    private static partial void LogStarted(ILogger logger, Guid callId, Guid sessionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: recording {SessionId} stopped")]
    private static partial void LogStopped(ILogger logger, Guid callId, Guid sessionId);
}
