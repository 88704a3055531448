using Relay.Media;
using Relay.Web.Features.Quality;

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
        services.AddSingleton<CallQualityMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<CallQualityMonitor>());
        services.AddScoped<QualityTimeline>();
        services.Configure<QualitySettings>(configuration.GetSection(QualitySettings.SectionName));
        services.AddScoped<QualityJobs>();
        // Registered after the relay's host, so it stops first: calls end (and are recorded) while media still runs.
        services.AddHostedService<CallShutdown>();
        return services;
    }
}
