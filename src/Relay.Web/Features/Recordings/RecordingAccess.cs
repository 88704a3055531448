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
    public static IQueryable<Recording> Visible(RelayDbContext db, ClaimsPrincipal user) =>
        user.IsInRole(AdminRole.Name) ? db.Recordings : OfParty(db, user);

    /// <summary>
    /// The recordings of calls the user took part in: their list, and what they may delete
    /// (administrators see every recording but leave deleting to retention).
    /// </summary>
    public static IQueryable<Recording> OfParty(RelayDbContext db, ClaimsPrincipal user)
    {
        var userId = UserId(user);
        return db.Recordings.Where(r => r.Call.CallerId == userId || r.Call.CalleeId == userId);
    }
}
