using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Relay.Web.Features.Recordings;

/// <summary>/recordings: the recordings of calls you took part in.</summary>
public sealed class IndexModel(RecordingList recordings) : PageModel
{
    public IReadOnlyList<RecordingSessionItem> Sessions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Sessions = await recordings.ListAsync(User, ct);
}
