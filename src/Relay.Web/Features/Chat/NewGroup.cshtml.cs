using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Relay.Web.Features.Chat;

public sealed class NewGroupModel(ChatService chat) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Give the group a name.")]
    [StringLength(Relay.Data.DataLimits.ConversationTitleLength, ErrorMessage = "A group name has at most 100 characters.")]
    [Display(Name = "Group name")]
    public string Name { get; set; } = "";

    /// <summary>User names separated by commas, spaces or new lines.</summary>
    [BindProperty]
    [Required(ErrorMessage = "Add at least one member.")]
    public string Members { get; set; } = "";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var id = await chat.CreateGroupAsync(User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", Name, GroupMemberNames.Split(Members), ct);
            return Redirect($"/chat/{id}");
        }
        catch (ChatRuleException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            return Page();
        }
    }
}
