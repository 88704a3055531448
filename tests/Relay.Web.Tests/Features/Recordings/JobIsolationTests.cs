using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Relay.Web.Features.Recordings;

namespace Relay.Web.Tests.Features.Recordings;

/// <summary>
/// Two applications in one process (the tests run several servers at once) each keep their own
/// job storage and run their jobs in their own services. Hangfire's defaults are process-wide:
/// an app whose activator was made after another app had configured Hangfire ran its finalise
/// jobs against the other app's database, found nothing to do, and its recordings never became ready.
/// Hangfire's logging is process-wide too: once the app that configured it last was disposed,
/// the other could not create jobs ("recording its end failed" in a CI log).
/// </summary>
public sealed class JobIsolationTests
{
    [Fact]
    public void Each_application_enqueues_into_its_own_storage_and_activates_jobs_from_its_own_services()
    {
        using var first = JobServices();
        using var second = JobServices();
        // The order that lost: both apps configure Hangfire before the first makes its activator.
        first.GetRequiredService<IGlobalConfiguration>();
        second.GetRequiredService<IGlobalConfiguration>();

        Assert.NotSame(first.GetRequiredService<JobStorage>(), second.GetRequiredService<JobStorage>());
        foreach (var services in new[] { first, second })
        {
            var own = services.GetRequiredService<AppMarker>();
            using var scope = services.GetRequiredService<JobActivator>().BeginScope((JobActivatorContext)null!);
            Assert.Same(own, scope.Resolve(typeof(AppMarker)));
        }
    }

    [Fact]
    public void Jobs_can_still_be_created_after_another_application_in_the_process_is_disposed()
    {
        using var first = JobServices();
        first.GetRequiredService<IGlobalConfiguration>();
        var second = JobServices();
        second.GetRequiredService<IGlobalConfiguration>();
        // The last app configured is Hangfire's logging for the whole process; a test server ends.
        second.Dispose();

        // What Hangfire does for a job method it has not seen yet: its filter attributes ask for a logger.
        var log = Hangfire.Logging.LogProvider.GetLogger("a job method not seen before");
        log.Log(Hangfire.Logging.LogLevel.Info, () => "written nowhere, and no error");
        var id = first.GetRequiredService<IBackgroundJobClient>().Enqueue(() => Console.WriteLine("a job"));
        Assert.False(string.IsNullOrEmpty(id));
    }

    private static ServiceProvider JobServices()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<AppMarker>();
        services.AddRelayJobs(new ConfigurationBuilder().Build());
        return services.BuildServiceProvider();
    }

    private sealed class AppMarker;
}
