using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Relay.Data;
using Relay.Web.Features.Admin;

namespace Relay.Web.Features.Quality;

/// <summary>A call as its detail page heads it.</summary>
public sealed record CallSummary(Guid Id, string CallerId, string CallerName, string CalleeId, string CalleeName, DateTime CreatedAt, DateTime? ConnectedAt, DateTime? EndedAt);

/// <summary>One stored sample, in the units the chart shows.</summary>
public sealed record QualityPoint(DateTime At, double LossInPercent, double LossOutPercent, double JitterMs, double? RttMs, double BitrateInKbps, double BitrateOutKbps);

public sealed record PartyTimeline(string UserId, string Name, IReadOnlyList<QualityPoint> Samples);

/// <summary>What the detail page's chart draws: each party's samples, caller first.</summary>
public sealed record QualityTimelineDto(Guid CallId, IReadOnlyList<PartyTimeline> Parties);

/// <summary>
/// A call's quality timeline, for its parties and administrators only: to anyone else the call
/// does not exist (the pages answer 404, so call ids cannot be probed).
/// </summary>
public sealed class QualityTimeline(RelayDbContext db)
{
    /// <summary>Samples beyond this (about an hour and a half at one per 2 s) are not drawn.</summary>
    public const int MaxSamplesPerParty = 3000;

    /// <summary>The call, or null when it does not exist or <paramref name="user"/> may not see it.</summary>
    public async Task<CallSummary?> FindAsync(Guid callId, ClaimsPrincipal user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var call = await db.Calls
            .Where(c => c.Id == callId)
            .Select(c => new CallSummary(c.Id, c.CallerId, c.Caller.UserName ?? "", c.CalleeId, c.Callee.UserName ?? "", c.CreatedAt, c.ConnectedAt, c.EndedAt))
            .SingleOrDefaultAsync(ct);
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return call is not null && (userId == call.CallerId || userId == call.CalleeId || user.IsInRole(AdminRole.Name)) ? call : null;
    }

    public async Task<QualityTimelineDto> ReadAsync(CallSummary call, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new QualityTimelineDto(call.Id, [
            new PartyTimeline(call.CallerId, call.CallerName, await SamplesAsync(call.Id, call.CallerId, ct)),
            new PartyTimeline(call.CalleeId, call.CalleeName, await SamplesAsync(call.Id, call.CalleeId, ct)),
        ]);
    }

    private async Task<IReadOnlyList<QualityPoint>> SamplesAsync(Guid callId, string userId, CancellationToken ct)
    {
        var rows = await db.QualitySamples
            .Where(s => s.CallId == callId && s.UserId == userId)
            .OrderBy(s => s.At)
            .Take(MaxSamplesPerParty)
            .ToListAsync(ct);
        var points = new List<QualityPoint>(rows.Count);
        foreach (var s in rows)
        {
            points.Add(new QualityPoint(
                s.At,
                Math.Round(s.LossIn * 100, 2),
                Math.Round(s.LossOut * 100, 2),
                Math.Round(s.JitterMs, 1),
                s.RttMs is { } rtt ? Math.Round(rtt, 1) : null,
                Math.Round(s.BitrateIn / 1000, 1),
                Math.Round(s.BitrateOut / 1000, 1)));
        }

        return points;
    }
}
