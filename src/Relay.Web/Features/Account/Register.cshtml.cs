using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Relay.Data.Entities;
using Relay.Web.Features.Admin;

namespace Relay.Web.Features.Account;

[AllowAnonymous]
public sealed class RegisterModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AdminAccounts admins) : PageModel
{
    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = new AppUser { UserName = Input.UserName.Trim(), CreatedAt = DateTime.UtcNow };
        var result = await users.CreateAsync(user, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, Describe(error));
            }

            return Page();
        }

        // Before signing in, so the first cookie already carries the role.
        await admins.GrantIfListedAsync(user);
        await signIn.SignInAsync(user, isPersistent: true);
        return LocalRedirect("/chat");
    }

    private static string Describe(IdentityError error) => error.Code switch
    {
        nameof(IdentityErrorDescriber.DuplicateUserName) => "That user name is taken. Pick another one.",
        _ => error.Description,
    };

    public sealed class RegisterInput
    {
        [Required(ErrorMessage = "Choose a user name.")]
        [StringLength(AccountRules.MaxUserNameLength, MinimumLength = AccountRules.MinUserNameLength, ErrorMessage = "A user name has 3 to 32 characters.")]
        [RegularExpression(AccountRules.UserNamePattern, ErrorMessage = "Use letters, digits, dots, dashes and underscores only.")]
        [Display(Name = "User name")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(128, MinimumLength = AccountRules.MinPasswordLength, ErrorMessage = "A password has at least 8 characters.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Repeat the password.")]
        [Compare(nameof(Password), ErrorMessage = "The two passwords differ.")]
        [DataType(DataType.Password)]
        [Display(Name = "Confirm password")]
        public string ConfirmPassword { get; set; } = "";
    }
}
