using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Relay.Web.Features.Calls;
using Relay.Web.Features.Quality;
using Relay.Web.Features.Recordings;

namespace Relay.Web.Features.Admin;

/// <summary>/admin/calls: the calls live on this node; an administrator can end one for both parties.</summary>
[Authorize(Policy = AdminRole.Policy)]
public sealed class CallsModel(CallManager calls, CallRecorder recorder, TimeProvider clock) : PageModel
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

    public bool IsRecording(LiveCall call) => recorder.IsRecording(call.Id);

    /// <summary>A party's current level with its figures for the cell's title; a dash while the party has no leg.</summary>
    public static (string Text, string? Title) Quality(LinkQualityDto? link) =>
        link is null
            ? ("–", null)
            : (link.Level, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"loss {link.LossPercent} %, jitter {link.JitterMs} ms, RTT {(link.RttMs is { } rtt ? $"{rtt} ms" : "not yet known")}"));

    public async Task<IActionResult> OnPostEndAsync(Guid callId)
    {
        Notice = await calls.EndByAdminAsync(callId) ? "The call was ended." : "That call had already ended.";
        return RedirectToPage();
    }

    /// <summary>How long the call has been in its current phase: connected time once connected, else since it was placed.</summary>
    public string Duration(LiveCall call) => CallLine.FormatDuration(Now - (call.ConnectedAt ?? call.CreatedAt));
}
