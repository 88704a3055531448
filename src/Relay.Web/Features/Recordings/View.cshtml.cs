using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Relay.Data;

namespace Relay.Web.Features.Recordings;

/// <summary>/recordings/{id}: both parties of one recording side by side, played together; delete for the call's parties.</summary>
public sealed class ViewModel(RecordingList recordings, RelayDbContext db, RecordingStorage storage, CallRecorder recorder) : PageModel
{
    public RecordingSessionItem Session { get; private set; } = null!;

    public bool CanDelete { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var session = await recordings.FindAsync(User, id, ct);
        if (session is null)
        {
            return NotFound();
        }

        Session = session;
        var userId = RecordingAccess.UserId(User);
        CanDelete = !recorder.IsLive(id) && (userId == session.CallerId || await IsCalleeAsync(session.CallId, userId, ct));
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        if (recorder.IsLive(id))
        {
            return NotFound();
        }

        var rows = await RecordingAccess.Deletable(db, User).Where(r => r.SessionId == id).ToListAsync(ct);
        if (rows.Count == 0)
        {
            return NotFound();
        }

        foreach (var row in rows)
        {
            await RecordingFiles.DeleteAsync(db, storage, row);
        }

        return Redirect("/recordings");
    }

    private Task<bool> IsCalleeAsync(Guid callId, string userId, CancellationToken ct) =>
        db.Calls.AnyAsync(c => c.Id == callId && c.CalleeId == userId, ct);
}
