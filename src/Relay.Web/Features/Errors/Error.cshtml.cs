using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Relay.Web.Features.Errors;

[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";

    public string Detail { get; private set; } = "The server could not finish this request. Try again in a moment.";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        if (code == StatusCodes.Status404NotFound)
        {
            Title = "Not found";
            Detail = "There is nothing here, or you do not have access to it.";
        }
        else if (code == StatusCodes.Status403Forbidden)
        {
            Title = "Not allowed";
            Detail = "You do not have access to this page.";
        }
        else if (code == StatusCodes.Status400BadRequest)
        {
            Title = "Bad request";
            Detail = "The request could not be understood. If you submitted a form, reload the page and try again.";
        }
    }
}
