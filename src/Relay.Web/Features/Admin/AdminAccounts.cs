using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Relay.Data.Entities;

namespace Relay.Web.Features.Admin;

/// <summary>
/// Keeps the Admin role in step with <see cref="AdminOptions.UserNames"/>. Every step is
/// idempotent, so it runs at each start-up and at each registration.
/// </summary>
/// <remarks>
/// A name listed before its account exists is a standing offer: whoever registers it first
/// becomes an administrator. Start-up warns about such names; the README says to create the
/// account first. A signed-in person's cookie picks up a granted or removed role at their next
/// sign-in or when Identity revalidates the cookie (every 30 minutes by default).
/// </remarks>
public sealed partial class AdminAccounts(
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<AdminOptions> options,
    ILogger<AdminAccounts> logger)
{
    public async Task SynchronizeAsync()
    {
        if (!await roles.RoleExistsAsync(AdminRole.Name))
        {
            ThrowIfFailed(await roles.CreateAsync(new IdentityRole(AdminRole.Name)), "create the Admin role");
        }

        var listed = ListedNormalizedNames();
        foreach (var holder in await users.GetUsersInRoleAsync(AdminRole.Name))
        {
            if (!listed.Contains(holder.NormalizedUserName ?? ""))
            {
                ThrowIfFailed(await users.RemoveFromRoleAsync(holder, AdminRole.Name), $"remove the Admin role from {holder.UserName}");
                LogRevoked(logger, holder.UserName);
            }
        }

        foreach (var name in options.Value.UserNames)
        {
            var user = await users.Users.SingleOrDefaultAsync(u => u.NormalizedUserName == users.NormalizeName(name));
            if (user is null)
            {
                LogNoAccount(logger, name);
                continue;
            }

            await GrantIfListedAsync(user);
        }
    }

    /// <summary>Grants the role to a new or existing account whose name is listed; does nothing otherwise.</summary>
    public async Task GrantIfListedAsync(AppUser user)
    {
        if (!ListedNormalizedNames().Contains(user.NormalizedUserName ?? users.NormalizeName(user.UserName) ?? "")
            || await users.IsInRoleAsync(user, AdminRole.Name))
        {
            return;
        }

        ThrowIfFailed(await users.AddToRoleAsync(user, AdminRole.Name), $"grant the Admin role to {user.UserName}");
        LogGranted(logger, user.UserName);
    }

    private HashSet<string> ListedNormalizedNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in options.Value.UserNames)
        {
            if (!string.IsNullOrWhiteSpace(name))
            {
                names.Add(users.NormalizeName(name.Trim()) ?? "");
            }
        }

        return names;
    }

    private static void ThrowIfFailed(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Granted the Admin role to {UserName}")]
    private static partial void LogGranted(ILogger logger, string? userName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removed the Admin role from {UserName}: not in Admin:UserNames")]
    private static partial void LogRevoked(ILogger logger, string? userName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin:UserNames lists {UserName}, which has no account yet: whoever registers that name becomes an administrator")]
    private static partial void LogNoAccount(ILogger logger, string userName);
}
