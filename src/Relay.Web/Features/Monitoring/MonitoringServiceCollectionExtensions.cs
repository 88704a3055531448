using Prometheus;

namespace Relay.Web.Features.Monitoring;

internal static class MonitoringServiceCollectionExtensions
{
    public const string MetricsPath = "/metrics";

    /// <summary>Call after AddRelayMedia: the monitoring host must start after the relay's.</summary>
    public static IServiceCollection AddRelayMonitoring(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MetricsOptions>(configuration.GetSection(MetricsOptions.SectionName));
        services.AddSingleton<MetricsAccess>();
        // One registry per application rather than prometheus-net's static default: two servers
        // in one process (the tests) each publish only their own calls.
        services.AddSingleton(_ =>
        {
            var registry = Metrics.NewCustomRegistry();
            DotNetStats.Register(registry);
            return registry;
        });
        services.AddSingleton<CallMetrics>();
        services.AddHostedService<MonitoringHost>();
        return services;
    }

    /// <summary>Request counts and durations by page, method and status (prometheus-net's http_* metrics). After UseRouting, so requests carry their endpoint.</summary>
    public static IApplicationBuilder UseRelayHttpMetrics(this IApplicationBuilder app)
    {
        var registry = app.ApplicationServices.GetRequiredService<CollectorRegistry>();
        return app.UseHttpMetrics(o => o.SetMetricFactory(Metrics.WithCustomRegistry(registry)));
    }

    /// <summary>/metrics for Prometheus, to the allowed networks only; 404 to anyone else, so it is not advertised.</summary>
    public static IEndpointConventionBuilder MapRelayMetrics(this IEndpointRouteBuilder endpoints)
    {
        var registry = endpoints.ServiceProvider.GetRequiredService<CollectorRegistry>();
        var access = endpoints.ServiceProvider.GetRequiredService<MetricsAccess>();
        var pipeline = endpoints.CreateApplicationBuilder()
            .Use(async (context, next) =>
            {
                if (!access.Allows(context.Connection.RemoteIpAddress))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                await next(context);
            })
            .UseMiddleware<MetricServerMiddleware>(new MetricServerMiddleware.Settings { Registry = registry })
            .Build();
        // Prometheus has no sign-in cookie: the network rule above is the access control.
        return endpoints.Map(MetricsPath, pipeline).AllowAnonymous().WithDisplayName("Prometheus metrics");
    }
}
