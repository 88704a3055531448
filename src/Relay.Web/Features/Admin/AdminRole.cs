namespace Relay.Web.Features.Admin;

/// <summary>
/// The administrator role and the authorization policy that requires it. Anything for
/// administrators only (/admin pages, the Hangfire dashboard) asks for <see cref="Policy"/>
/// rather than the role, so what "admin" means can change in one place.
/// </summary>
public static class AdminRole
{
    /// <summary>The ASP.NET Core Identity role, granted from <c>Admin:UserNames</c>.</summary>
    public const string Name = "Admin";

    /// <summary>The authorization policy: <c>[Authorize(Policy = AdminRole.Policy)]</c> or <c>RequireAuthorization(AdminRole.Policy)</c>.</summary>
    public const string Policy = "Admin";
}
