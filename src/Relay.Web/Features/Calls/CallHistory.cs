using Microsoft.EntityFrameworkCore;
using Relay.Data;
using Relay.Data.Entities;

namespace Relay.Web.Features.Calls;

public sealed record CallHistoryItem(
    Guid Id,
    Guid ConversationId,
    string OtherParty,
    bool Outgoing,
    CallType Type,
    DateTime CreatedAt,
    TimeSpan? Duration,
    CallEndReason? EndReason,
    CallState State)
{
    /// <summary>An incoming call nobody took: what the "missed" filter shows.</summary>
    public bool IsMissed => !Outgoing && EndReason is CallEndReason.Missed or CallEndReason.Cancelled or CallEndReason.Busy;

    public string Outcome => State != CallState.Ended
        ? "In progress"
        : Duration is { } d
            ? EndReason == CallEndReason.EndedByAdmin ? $"{CallLine.FormatDuration(d)} · {CallLine.EndedByAdmin}" : CallLine.FormatDuration(d)
            : EndReason switch
            {
                CallEndReason.Missed or CallEndReason.Cancelled or CallEndReason.Busy when !Outgoing => "Missed",
                CallEndReason.Missed => "No answer",
                CallEndReason.Cancelled => "Cancelled",
                CallEndReason.Busy => "Busy",
                CallEndReason.Rejected => "Declined",
                CallEndReason.ServerShutdown => "Ended by server",
                CallEndReason.EndedByAdmin => "Ended by an administrator",
                _ => "Could not connect",
            };
}

/// <summary>A user's calls, newest first: every call leaves a row, whatever its end.</summary>
public sealed class CallHistory(RelayDbContext db)
{
    public const int PageSize = 100;

    public async Task<IReadOnlyList<CallHistoryItem>> ListAsync(string userId, bool missedOnly, CancellationToken ct = default)
    {
        var query = db.Calls.Where(c => c.CallerId == userId || c.CalleeId == userId);
        if (missedOnly)
        {
            query = query.Where(c => c.CalleeId == userId
                && (c.EndReason == CallEndReason.Missed || c.EndReason == CallEndReason.Cancelled || c.EndReason == CallEndReason.Busy));
        }

        var rows = await query
            .OrderByDescending(c => c.CreatedAt)
            .Take(PageSize)
            .Select(c => new
            {
                c.Id,
                c.ConversationId,
                c.CallerId,
                CallerName = c.Caller.UserName,
                CalleeName = c.Callee.UserName,
                c.Type,
                c.CreatedAt,
                c.ConnectedAt,
                c.EndedAt,
                c.EndReason,
                c.State,
            })
            .ToListAsync(ct);
        var items = new List<CallHistoryItem>(rows.Count);
        foreach (var r in rows)
        {
            var outgoing = r.CallerId == userId;
            var duration = r.ConnectedAt is { } from && r.EndedAt is { } to ? to - from : (TimeSpan?)null;
            items.Add(new CallHistoryItem(r.Id, r.ConversationId, (outgoing ? r.CalleeName : r.CallerName) ?? "", outgoing, r.Type, r.CreatedAt, duration, r.EndReason, r.State));
        }

        return items;
    }
}
