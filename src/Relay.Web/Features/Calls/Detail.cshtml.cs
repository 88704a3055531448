using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Relay.Web.Features.Quality;

namespace Relay.Web.Features.Calls;

/// <summary>/calls/{id}: one call of your history with its quality timeline; ?handler=samples gives the chart its data.</summary>
public sealed class DetailModel(QualityTimeline timeline) : PageModel
{
    public CallSummary Call { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await timeline.FindAsync(id, User, ct) is not { } call)
        {
            return NotFound();
        }

        Call = call;
        return Page();
    }

    public async Task<IActionResult> OnGetSamplesAsync(Guid id, CancellationToken ct)
    {
        if (await timeline.FindAsync(id, User, ct) is not { } call)
        {
            return NotFound();
        }

        return new JsonResult(await timeline.ReadAsync(call, ct));
    }

    public string Duration => Call.ConnectedAt is { } from && Call.EndedAt is { } to ? CallLine.FormatDuration(to - from) : "—";
}
