using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Relay.Web.Features.Calls;

/// <summary>/test-call: the pre-call device check. The browser calls the relay, which sends its own media back.</summary>
public sealed class TestCallModel : PageModel
{
    public void OnGet()
    {
    }
}
