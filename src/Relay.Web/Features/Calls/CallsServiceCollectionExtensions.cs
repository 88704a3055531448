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
        return services;
    }
}
