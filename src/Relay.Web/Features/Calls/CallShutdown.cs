using Relay.Data.Entities;

namespace Relay.Web.Features.Calls;

/// <summary>On a graceful stop, every live call ends as ServerShutdown and is recorded so.</summary>
internal sealed class CallShutdown(CallManager calls) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => calls.EndAllAsync(CallEndReason.ServerShutdown);
}
