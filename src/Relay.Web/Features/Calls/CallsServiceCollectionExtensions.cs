using Relay.Media;

namespace Relay.Web.Features.Calls;

internal static class CallsServiceCollectionExtensions
{
    public static IServiceCollection AddRelayMedia(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MediaOptions>(configuration.GetSection(MediaOptions.SectionName));
        services.AddSingleton<MediaRelayHost>();
        services.AddHostedService(sp => sp.GetRequiredService<MediaRelayHost>());
        services.AddSingleton<EchoTests>();
        services.Configure<CallOptions>(configuration.GetSection(CallOptions.SectionName));
        services.AddSingleton<CallManager>();
        services.AddScoped<CallHistory>();
        // Registered after the relay's host, so it stops first: calls end (and are recorded) while media still runs.
        services.AddHostedService<CallShutdown>();
        return services;
    }
}
