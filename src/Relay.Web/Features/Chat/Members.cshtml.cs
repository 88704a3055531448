using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Relay.Data.Entities;

namespace Relay.Web.Features.Chat;

/// <summary>/chat/{id}/members: who is in a conversation; in a group, add people.</summary>
public sealed class MembersModel(ChatService chat) : PageModel
{
    internal ConversationSummary Conversation { get; private set; } = null!;

    public bool IsGroup => Conversation.Kind == ConversationKind.Group;

    public string? Added { get; private set; }

    /// <summary>User names separated by commas, spaces or new lines.</summary>
    [BindProperty]
    [Required(ErrorMessage = "Name at least one person to add.")]
    [Display(Name = "Add people")]
    public string Names { get; set; } = "";

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    public async Task<IActionResult> OnGetAsync(Guid conversationId, CancellationToken ct) =>
        await LoadAsync(conversationId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid conversationId, CancellationToken ct)
    {
        if (!await LoadAsync(conversationId, ct))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var count = await chat.AddMembersAsync(UserId, conversationId, GroupMemberNames.Split(Names), ct);
            await LoadAsync(conversationId, ct);
            Added = count == 0 ? "They are all members already." : count == 1 ? "Added 1 person." : $"Added {count} people.";
            Names = "";
            ModelState.Clear();
        }
        catch (ChatRuleException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
        }

        return Page();
    }

    private async Task<bool> LoadAsync(Guid conversationId, CancellationToken ct)
    {
        var found = await chat.FindAsync(UserId, conversationId, ct);
        if (found is null)
        {
            return false;
        }

        Conversation = found;
        return true;
    }
}
