namespace Relay.Web.Features.Calls;

/// <summary>
/// On a graceful stop, every live call ends as ServerShutdown and is recorded so. It starts at
/// ApplicationStopping, before Kestrel closes the hub connections (which would otherwise end the
/// calls as hung up), and the stop waits for it.
/// </summary>
internal sealed class CallShutdown(CallManager calls, IHostApplicationLifetime lifetime) : IHostedService
{
    private Task? _ending;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(() => _ending = calls.EndAllForShutdownAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _ending ?? calls.EndAllForShutdownAsync();
}
