using Microsoft.AspNetCore.SignalR;
using Relay.Data;
using Relay.Data.Entities;
using Relay.Media.Quality;
using Relay.Media.Sessions;
using Relay.Web.Features.Calls;
using Relay.Web.Features.Chat;

namespace Relay.Web.Features.Quality;

/// <summary>
/// Every <see cref="MediaLeg.QualityInterval"/>: tells each party of every connected call how
/// their link and the other party's are (<c>callQuality</c>), and stores a sample per leg for
/// the call's timeline — all calls' samples in one write per tick, off the media threads.
/// </summary>
public sealed partial class CallQualityMonitor(
    CallManager calls,
    IHubContext<ChatHub, IChatClient> hub,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger<CallQualityMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(MediaLeg.QualityInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await TickAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A failed write or send loses one sample, not the monitor.
                    LogTickFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One round over the connected calls (public for tests that cannot wait for the timer).</summary>
    public async Task TickAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var samples = new List<QualitySample>();
        foreach (var call in calls.ConnectedCallLegs())
        {
            var caller = call.CallerLeg?.GetQuality();
            var callee = call.CalleeLeg?.GetQuality();
            var callerLink = caller is null ? null : LinkQuality.Of(caller);
            var calleeLink = callee is null ? null : LinkQuality.Of(callee);
            if (call.CallerConnection is { } callerConnection)
            {
                await hub.Clients.Client(callerConnection).callQuality(new CallQualityDto(call.CallId, callerLink, calleeLink));
            }

            if (call.CalleeConnection is { } calleeConnection)
            {
                await hub.Clients.Client(calleeConnection).callQuality(new CallQualityDto(call.CallId, calleeLink, callerLink));
            }

            AddSample(samples, call.CallId, call.CallerId, caller, now);
            AddSample(samples, call.CallId, call.CalleeId, callee, now);
        }

        if (samples.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RelayDbContext>();
        db.QualitySamples.AddRange(samples);
        await db.SaveChangesAsync(ct);
    }

    private static void AddSample(List<QualitySample> samples, Guid callId, string userId, LegQuality? leg, DateTime now)
    {
        if (leg is null)
        {
            return;
        }

        samples.Add(new QualitySample
        {
            CallId = callId,
            UserId = userId,
            At = now,
            LossIn = leg.InboundLoss,
            LossOut = leg.OutboundLoss,
            JitterMs = Math.Max(leg.InboundJitterSeconds, leg.OutboundJitterSeconds) * 1000,
            RttMs = leg.RoundTripSeconds * 1000,
            BitrateIn = leg.InboundBitrate,
            BitrateOut = leg.OutboundBitrate,
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A call quality round failed")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
