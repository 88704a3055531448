using Relay.Data.Entities;
using Relay.Media.Sessions;
using Relay.Web.Features.Chat;

namespace Relay.Web.Features.Calls;

// A connected call outlives a dropped network: Wi-Fi that goes for half a minute, a laptop that
// moves to another network. Consent (30 s) and the page's hub timeout (15 s, hub.js) both give up on
// such a party; the call instead waits Calls:ReconnectGrace for its tab to come back
// (ResumeCall, from the new hub connection) and its browser to offer again (a new leg).
public sealed partial class CallManager
{
    /// <summary>
    /// The tab of a party of a connected call is back on a new hub connection: that connection now
    /// carries the party's part of the call (its next offer replaces the failed leg).
    /// </summary>
    public CallDto ResumeCall(string userId, string connectionId, string? callId)
    {
        var call = Find(userId, callId);
        lock (call.Gate)
        {
            if (call.Record.State != CallState.Connected)
            {
                throw new ChatRuleException(call.Record.State == CallState.Ended ? "The call has ended." : "Only a connected call can be resumed.");
            }

            call.SetConnection(userId, connectionId);
            ReleaseReturned(call);
            return call.ToDto();
        }
    }

    /// <summary>
    /// Under the call's lock. Starts waiting for a party of a connected call, if waiting is
    /// configured; false when the call should end now instead. A party already waited for keeps
    /// its first deadline.
    /// </summary>
    private bool AwaitReturn(ActiveCall call, string userId)
    {
        var grace = options.Value.ReconnectGrace;
        if (call.Record.State != CallState.Connected || grace <= TimeSpan.Zero || Volatile.Read(ref _shuttingDown))
        {
            return false;
        }

        if (!call.ReturnDeadlines.ContainsKey(userId))
        {
            call.ReturnDeadlines[userId] = clock.CreateTimer(_ => OnReturnDeadline(call, userId), null, grace, Timeout.InfiniteTimeSpan);
        }

        return true;
    }

    /// <summary>Under the call's lock. Stops waiting for every party that has a tab and a connected leg again.</summary>
    private void ReleaseReturned(ActiveCall call)
    {
        foreach (var (userId, deadline) in call.ReturnDeadlines.ToList())
        {
            if (IsBack(call, userId))
            {
                deadline.Dispose();
                call.ReturnDeadlines.Remove(userId);
                metrics.DropoutResumed();
                LogPartyBack(logger, call.Id);
            }
        }
    }

    private void OnReturnDeadline(ActiveCall call, string userId)
    {
        lock (call.Gate)
        {
            if (!call.ReturnDeadlines.Remove(userId, out var deadline))
            {
                return;
            }

            deadline.Dispose();
            if (IsBack(call, userId))
            {
                return;
            }
        }

        metrics.DropoutTimedOut();
        _ = EndAsync(call, CallEndReason.Failed);
    }

    private static bool IsBack(ActiveCall call, string userId) =>
        call.ConnectionOf(userId) is not null
        && call.Legs.TryGetValue(userId, out var leg)
        && leg.State == LegState.Connected;

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: a party's connection was lost; the call waits {Grace} for it")]
    private static partial void LogConnectionLost(ILogger logger, Guid callId, TimeSpan grace);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: a party the call was waiting for is back")]
    private static partial void LogPartyBack(ILogger logger, Guid callId);
}
