using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Relay.Data;

public static class DataServiceCollectionExtensions
{
    public const string SqliteFileName = "mediarelay.db";

    /// <summary>
    /// Registers <see cref="RelayDbContext"/> for the configured provider. Identity and the
    /// application resolve the abstract type; the concrete one decides which migrations apply.
    /// </summary>
    public static IServiceCollection AddRelayData(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var options = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(options);
        switch (options.Provider)
        {
            case DatabaseProvider.SqlServer:
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    throw new InvalidOperationException("Database:Provider is SqlServer but Database:ConnectionString is empty.");
                }

                services.AddDbContext<RelayDbContext, SqlServerRelayDbContext>(o => o.UseSqlServer(options.ConnectionString));
                break;
            case DatabaseProvider.Sqlite:
                var connectionString = string.IsNullOrWhiteSpace(options.ConnectionString)
                    ? $"Data Source={Path.Combine(dataDirectory, SqliteFileName)}"
                    : options.ConnectionString;
                services.AddDbContext<RelayDbContext, SqliteRelayDbContext>(o => o.UseSqlite(connectionString));
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not supported; use Sqlite or SqlServer.");
        }

        return services;
    }
}
