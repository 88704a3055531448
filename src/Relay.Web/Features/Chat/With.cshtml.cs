using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Relay.Web.Features.Chat;

/// <summary>
/// /chat/with/{userName}: opens the private conversation with that user, creating it on first
/// use. Safe as a GET: it is idempotent (one private conversation per pair) and sends nothing.
/// </summary>
public sealed class WithModel(ChatService chat) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string userName, CancellationToken ct)
    {
        try
        {
            var id = await chat.OpenPrivateAsync(User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", userName, ct);
            return Redirect($"/chat/{id}");
        }
        catch (ChatRuleException)
        {
            return NotFound();
        }
    }
}
