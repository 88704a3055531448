using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Relay.Data;
using Relay.Data.Entities;

namespace Relay.Web.Features.Recordings;

/// <summary>One party's file, as the pages show it.</summary>
public sealed record RecordingFileItem(
    Guid Id,
    string UserId,
    string UserName,
    RecordingStatus Status,
    TimeSpan? Duration,
    TimeSpan? FirstFrame,
    long? SizeBytes,
    bool HasVideo,
    string? FailureReason);

/// <summary>One recorded stretch of a call: both parties' files.</summary>
public sealed record RecordingSessionItem(
    Guid SessionId,
    Guid CallId,
    CallType Type,
    string CallerName,
    string CalleeName,
    DateTime CallCreatedAt,
    DateTime? CallConnectedAt,
    DateTime? CallEndedAt,
    DateTime StartedAt,
    IReadOnlyList<RecordingFileItem> Files)
{
    /// <summary>The longer of the two files: what the shared control bar spans.</summary>
    public TimeSpan? Duration
    {
        get
        {
            TimeSpan? longest = null;
            foreach (var file in Files)
            {
                if (file.Duration is { } d && (longest is null || d > longest))
                {
                    longest = d;
                }
            }

            return longest;
        }
    }

    /// <summary>Ready, Failed, or the least finished status of its files.</summary>
    public RecordingStatus Status
    {
        get
        {
            var status = RecordingStatus.Ready;
            foreach (var file in Files)
            {
                if (file.Status < status || (file.Status == RecordingStatus.Failed && status == RecordingStatus.Ready))
                {
                    status = file.Status;
                }
            }

            return status;
        }
    }
}

/// <summary>Reads recordings for the pages, always through <see cref="RecordingAccess"/>.</summary>
public sealed class RecordingList(RelayDbContext db)
{
    public const int PageSize = 100;

    /// <summary>/recordings: the recordings of calls the user took part in, newest first.</summary>
    public async Task<IReadOnlyList<RecordingSessionItem>> ListAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        return await LoadAsync(RecordingAccess.OfParty(db, user), PageSize, ct);
    }

    /// <summary>One session, or null if the user may not see it.</summary>
    public async Task<RecordingSessionItem?> FindAsync(ClaimsPrincipal user, Guid sessionId, CancellationToken ct)
    {
        var sessions = await LoadAsync(RecordingAccess.Visible(db, user).Where(r => r.SessionId == sessionId), 1, ct);
        return sessions.Count == 1 ? sessions[0] : null;
    }

    private static async Task<IReadOnlyList<RecordingSessionItem>> LoadAsync(IQueryable<Recording> query, int sessions, CancellationToken ct)
    {
        var rows = await query
            .OrderByDescending(r => r.CreatedAt)
            .Take(sessions * 2)
            .Select(r => new
            {
                r.SessionId,
                r.CallId,
                r.Call.Type,
                r.Call.CallerId,
                CallerName = r.Call.Caller.UserName,
                CalleeName = r.Call.Callee.UserName,
                CallCreatedAt = r.Call.CreatedAt,
                r.Call.ConnectedAt,
                r.Call.EndedAt,
                r.CreatedAt,
                File = new RecordingFileItem(r.Id, r.UserId, r.User.UserName ?? "", r.Status, r.Duration, r.FirstFrame, r.SizeBytes, r.HasVideo, r.FailureReason),
            })
            .ToListAsync(ct);
        var items = new List<RecordingSessionItem>();
        foreach (var group in rows.GroupBy(r => r.SessionId))
        {
            var first = group.First();
            // The caller's file on the left, as in the call window's order of parties.
            var files = group.Select(r => r.File).OrderBy(f => f.UserId == first.CallerId ? 0 : 1).ToList();
            items.Add(new RecordingSessionItem(
                first.SessionId, first.CallId, first.Type, first.CallerName ?? "", first.CalleeName ?? "",
                first.CallCreatedAt, first.ConnectedAt, first.EndedAt, group.Min(r => r.CreatedAt), files));
        }

        return items;
    }
}
