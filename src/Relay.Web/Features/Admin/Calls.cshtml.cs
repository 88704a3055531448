using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Relay.Web.Features.Calls;

namespace Relay.Web.Features.Admin;

/// <summary>/admin/calls: the calls live on this node; an administrator can end one for both parties.</summary>
[Authorize(Policy = AdminRole.Policy)]
public sealed class CallsModel(CallManager calls, TimeProvider clock) : PageModel
{
    public IReadOnlyList<LiveCall> Calls { get; private set; } = [];

    public DateTime Now { get; private set; }

    /// <summary>Set after an end, from the redirect: what happened to the call the admin ended.</summary>
    [TempData]
    public string? Notice { get; set; }

    public void OnGet()
    {
        Calls = calls.LiveCalls();
        Now = clock.GetUtcNow().UtcDateTime;
    }

    public async Task<IActionResult> OnPostEndAsync(Guid callId)
    {
        Notice = await calls.EndByAdminAsync(callId) ? "The call was ended." : "That call had already ended.";
        return RedirectToPage();
    }

    /// <summary>How long the call has been in its current phase: connected time once connected, else since it was placed.</summary>
    public string Duration(LiveCall call) => CallLine.FormatDuration(Now - (call.ConnectedAt ?? call.CreatedAt));
}
