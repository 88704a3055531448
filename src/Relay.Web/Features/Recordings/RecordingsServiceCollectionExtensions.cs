using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Hangfire.SqlServer;
using Relay.Data;
using Relay.Web.Features.Admin;
using Relay.Web.Features.Quality;

namespace Relay.Web.Features.Recordings;

internal static class RecordingsServiceCollectionExtensions
{
    public const string DashboardPath = "/hangfire";

    public static IServiceCollection AddRelayRecordings(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.Configure<RecordingSettings>(configuration.GetSection(RecordingSettings.SectionName));
        var directory = Path.Combine(dataDirectory, "recordings");
        Directory.CreateDirectory(directory);
        services.AddSingleton(new RecordingStorage(directory));
        services.AddSingleton<CallRecorder>();
        services.AddScoped<RecordingList>();
        services.AddScoped<RecordingJobs>();
        return services;
    }

    /// <summary>Hangfire: in-memory storage unless Jobs:Storage says SqlServer.</summary>
    public static IServiceCollection AddRelayJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(JobsOptions.SectionName).Get<JobsOptions>() ?? new JobsOptions();
        services.Configure<JobsOptions>(configuration.GetSection(JobsOptions.SectionName));
        // One storage and one job activator per application, registered before AddHangfire:
        // Hangfire's defaults are the process-wide JobStorage.Current and JobActivator.Current, the
        // last ones configured, so two apps in one process (the tests run several servers) could
        // enqueue into each other's storage, or run a job in the other app's services and database.
        // Both are made after the global configuration has run, which points Hangfire's logging at
        // this app (and would otherwise overwrite JobActivator.Current with this app's).
        services.AddSingleton<JobActivator>(provider =>
        {
            provider.GetRequiredService<IGlobalConfiguration>();
            return new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>());
        });
        services.AddSingleton<JobStorage>(provider =>
        {
            provider.GetRequiredService<IGlobalConfiguration>();
            return options.Storage == JobStorageKind.SqlServer
                ? new SqlServerStorage(SqlServerConnectionString(options, configuration))
                : new InMemoryStorage();
        });
        services.AddHangfire((provider, c) => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogBridge(provider.GetRequiredService<ILoggerFactory>())));
        services.AddHangfireServer(o =>
        {
            o.WorkerCount = Math.Max(1, options.WorkerCount);
            o.ShutdownTimeout = TimeSpan.FromSeconds(5);
        });
        return services;
    }

    private static string SqlServerConnectionString(JobsOptions options, IConfiguration configuration)
    {
        var connectionString = string.IsNullOrEmpty(options.ConnectionString)
            ? configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>()?.ConnectionString
            : options.ConnectionString;
        return string.IsNullOrEmpty(connectionString)
            ? throw new InvalidOperationException("Jobs:Storage is SqlServer but neither Jobs:ConnectionString nor Database:ConnectionString is set.")
            : connectionString;
    }

    /// <summary>File streaming, the admin-only dashboard, and the recurring jobs (recordings' and the quality samples' retention; plus one recovery pass at start-up).</summary>
    public static WebApplication MapRelayRecordings(this WebApplication app)
    {
        app.MapRecordingFiles();
        // The endpoint's policy decides; Hangfire's own default filter would allow local requests only.
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions { Authorization = Array.Empty<IDashboardAuthorizationFilter>(), DisplayStorageConnectionString = false })
            .RequireAuthorization(AdminRole.Policy);
        var options = app.Configuration.GetSection(JobsOptions.SectionName).Get<JobsOptions>() ?? new JobsOptions();
        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<RecordingJobs>(RecordingJobs.RecoverJobId, j => j.RecoverAsync(), options.RecoverySchedule);
        recurring.AddOrUpdate<RecordingJobs>(RecordingJobs.RetentionJobId, j => j.ApplyRetentionAsync(), options.RetentionSchedule);
        recurring.AddOrUpdate<QualityJobs>(QualityJobs.RetentionJobId, j => j.ApplyRetentionAsync(), options.RetentionSchedule);
        // A restart after a crash or kill recovers at once rather than at the next minute.
        app.Lifetime.ApplicationStarted.Register(() => app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<RecordingJobs>(j => j.RecoverAsync()));
        return app;
    }
}
