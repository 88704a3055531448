using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Relay.Data;
using Relay.Data.Entities;
using Relay.Web.Features.Admin;

namespace Relay.Web.Features.Recordings;

/// <summary>
/// Who may see a recording: the call's two parties and administrators. Everything else is
/// answered as if the recording did not exist (404), so ids cannot be probed.
/// </summary>
public static class RecordingAccess
{
    public static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    /// <summary>The recordings the user may see; every page, stream and download starts here.</summary>
    public static IQueryable<Recording> Visible(RelayDbContext db, ClaimsPrincipal user)
    {
        if (user.IsInRole(AdminRole.Name))
        {
            return db.Recordings;
        }

        var userId = UserId(user);
        return db.Recordings.Where(r => r.Call.CallerId == userId || r.Call.CalleeId == userId);
    }

    /// <summary>Only the call's parties may delete (administrators have retention for that).</summary>
    public static IQueryable<Recording> Deletable(RelayDbContext db, ClaimsPrincipal user)
    {
        var userId = UserId(user);
        return db.Recordings.Where(r => r.Call.CallerId == userId || r.Call.CalleeId == userId);
    }
}
