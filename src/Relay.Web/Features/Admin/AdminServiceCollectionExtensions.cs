namespace Relay.Web.Features.Admin;

internal static class AdminServiceCollectionExtensions
{
    public static IServiceCollection AddRelayAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AdminOptions>(configuration.GetSection(AdminOptions.SectionName));
        services.AddScoped<AdminAccounts>();
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminRole.Policy, p => p.RequireAuthenticatedUser().RequireRole(AdminRole.Name));
        return services;
    }

    /// <summary>Brings the Admin role in line with the configuration; runs once the database is ready.</summary>
    public static async Task SynchronizeAdminsAsync(this IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AdminAccounts>().SynchronizeAsync();
    }
}
