using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Relay.Web.Features.Calls;

/// <summary>/calls: your call history; /calls?filter=missed: the calls you missed.</summary>
public sealed class HistoryModel(CallHistory history) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Filter { get; set; }

    public bool MissedOnly => string.Equals(Filter, "missed", StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<CallHistoryItem> Calls { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Calls = await history.ListAsync(User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", MissedOnly, ct);
}
