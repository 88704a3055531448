using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Relay.Data;
using Relay.Data.Entities;

namespace Relay.Web.Hosting;

internal static partial class DatabaseInitializer
{
    /// <summary>The accounts the Development-only <c>Seed:DemoUsers</c> switch creates.</summary>
    public static readonly IReadOnlyList<string> DemoUserNames = ["alice", "bob"];

    public const string DemoPassword = "relay-demo";

    public static async Task InitializeDatabaseAsync(this IServiceProvider services, IHostEnvironment environment, IConfiguration configuration)
    {
        await using var scope = services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<DatabaseOptions>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));
        if (options.MigrateOnStartup)
        {
            var db = scope.ServiceProvider.GetRequiredService<RelayDbContext>();
            await db.Database.MigrateAsync();
            LogMigrated(logger, options.Provider);
        }

        if (environment.IsDevelopment() && configuration.GetValue<bool>("Seed:DemoUsers"))
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            foreach (var name in DemoUserNames)
            {
                if (await users.FindByNameAsync(name) is not null)
                {
                    continue;
                }

                var result = await users.CreateAsync(new AppUser { UserName = name, CreatedAt = DateTime.UtcNow }, DemoPassword);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Could not create demo user {name}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
                }

                LogDemoUser(logger, name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready ({Provider}), migrations applied")]
    private static partial void LogMigrated(ILogger logger, DatabaseProvider provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created demo user {UserName}")]
    private static partial void LogDemoUser(ILogger logger, string userName);
}
