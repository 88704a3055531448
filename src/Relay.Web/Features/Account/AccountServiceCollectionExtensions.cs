using Microsoft.AspNetCore.Identity;
using Relay.Data;
using Relay.Data.Entities;

namespace Relay.Web.Features.Account;

internal static class AccountServiceCollectionExtensions
{
    public static IServiceCollection AddRelayAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                // NIST SP 800-63B: length over composition rules; lockout slows guessing.
                o.Password.RequiredLength = AccountRules.MinPasswordLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.User.AllowedUserNameCharacters = AccountRules.UserNameCharacters;
                o.User.RequireUniqueEmail = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<RelayDbContext>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.AccessDeniedPath = "/login";
            o.Cookie.Name = "relay.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            // Script and hub callers get a status code, not an HTML login page they cannot use.
            o.Events.OnRedirectToLogin = ctx => RejectOrRedirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => RejectOrRedirect(ctx, StatusCodes.Status403Forbidden);
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddAntiforgery(o => o.Cookie.Name = "relay.csrf");
        return services;
    }

    private static Task RejectOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        var path = ctx.Request.Path;
        // A signed-in person refused an admin page is told so (403), not sent to a login they already passed.
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs")
            || (status == StatusCodes.Status403Forbidden && (path.StartsWithSegments("/admin") || path.StartsWithSegments("/hangfire"))))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
