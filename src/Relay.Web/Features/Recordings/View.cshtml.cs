using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Relay.Data;
using Relay.Data.Entities;

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
        CanDelete = !recorder.IsLive(id) && await DeletableRows(id).AnyAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        if (recorder.IsLive(id))
        {
            return NotFound();
        }

        var rows = await DeletableRows(id).ToListAsync(ct);
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

    /// <summary>Only the call's parties may delete: the same rows for the button and the action.</summary>
    private IQueryable<Recording> DeletableRows(Guid sessionId) =>
        RecordingAccess.OfParty(db, User).Where(r => r.SessionId == sessionId);
}
