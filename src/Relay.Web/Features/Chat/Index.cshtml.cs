using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Relay.Data.Entities;

namespace Relay.Web.Features.Chat;

public sealed class IndexModel(ChatService chat, IOptions<ChatOptions> options) : PageModel
{
    internal ConversationSummary? Selected { get; private set; }

    public int MaxMessageLength => options.Value.MaxMessageLength;

    public string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    public bool IsPrivate => Selected?.Kind == ConversationKind.Private;

    public string? SelectedTitle => Selected?.Title;

    public Guid? SelectedId => Selected?.Id;

    public string SelectedStatus => Selected switch
    {
        null => "",
        { Kind: ConversationKind.Group } g => $"{g.Others.Count + 1} members",
        { Others: [var other, ..] } => other.Online ? "online" : "offline",
        _ => "",
    };

    public async Task<IActionResult> OnGetAsync(Guid? conversationId, CancellationToken ct)
    {
        if (conversationId is { } id)
        {
            Selected = await chat.FindAsync(UserId, id, ct);
            if (Selected is null)
            {
                return NotFound();
            }
        }

        return Page();
    }
}
