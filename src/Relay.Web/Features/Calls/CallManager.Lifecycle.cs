using Microsoft.EntityFrameworkCore;
using Relay.Data;
using Relay.Data.Entities;
using Relay.Media.Sessions;
using Relay.Web.Features.Chat;

namespace Relay.Web.Features.Calls;

// How calls move on by themselves: timeouts, media connecting or failing, and the end.
public sealed partial class CallManager
{
    /// <summary>Ringing too long is a missed call; accepted but never connected is a failed one.</summary>
    private void OnTimer(ActiveCall call)
    {
        CallEndReason? reason;
        lock (call.Gate)
        {
            reason = call.Record.State switch
            {
                CallState.Ringing => CallEndReason.Missed,
                CallState.Accepted => CallEndReason.Failed,
                _ => null,
            };
        }

        if (reason is { } r)
        {
            _ = EndAsync(call, r);
        }
    }

    /// <summary>
    /// Connected once both parties' legs carry media (DTLS done, SRTP keys in place); in a
    /// connected call, a new leg may bring back a party the call was waiting for.
    /// </summary>
    private void OnLegConnected(ActiveCall call)
    {
        TimeSpan setup;
        lock (call.Gate)
        {
            if (call.Record.State == CallState.Connected)
            {
                ReleaseReturned(call);
                return;
            }

            if (call.Record.State != CallState.Accepted
                || !call.Legs.TryGetValue(call.Record.CallerId, out var callerLeg) || callerLeg.State != LegState.Connected
                || !call.Legs.TryGetValue(call.Record.CalleeId, out var calleeLeg) || calleeLeg.State != LegState.Connected)
            {
                return;
            }

            var now = Now;
            call.Record.State = CallState.Connected;
            call.Record.ConnectedAt = now;
            setup = now - (call.Record.AnsweredAt ?? now);
            call.Timer?.Dispose();
            call.Timer = null;
        }

        metrics.CallConnected(setup);
        _ = SaveAsync(call);
        _ = RecordFromConnectAsync(call);
    }

    /// <summary>
    /// A party's current leg failed (ICE, DTLS, consent): the call cannot go on, unless it is
    /// connected and can wait for that party's browser to offer again.
    /// </summary>
    private void OnLegEnded(ActiveCall call, MediaLeg leg)
    {
        if (leg.State != LegState.Failed)
        {
            return;
        }

        bool waiting;
        lock (call.Gate)
        {
            var party = call.Legs.FirstOrDefault(l => l.Value == leg).Key;
            if (party is null)
            {
                return;
            }

            waiting = AwaitReturn(call, party);
        }

        LogLegFailed(logger, call.Id, leg.Failure);
        if (!waiting)
        {
            _ = EndAsync(call, CallEndReason.Failed);
        }
    }

    /// <returns>False if the call had already ended.</returns>
    private async Task<bool> EndAsync(ActiveCall call, CallEndReason reason)
    {
        lock (call.Gate)
        {
            if (call.Record.State == CallState.Ended)
            {
                return false;
            }

            call.Record.State = CallState.Ended;
            call.Record.EndedAt = Now;
            call.Record.EndReason = reason;
            call.Timer?.Dispose();
            call.Timer = null;
            foreach (var deadline in call.ReturnDeadlines.Values)
            {
                deadline.Dispose();
            }

            call.ReturnDeadlines.Clear();
        }

        _calls.TryRemove(new KeyValuePair<Guid, ActiveCall>(call.Id, call));
        _byUser.TryRemove(new KeyValuePair<string, ActiveCall>(call.Record.CallerId, call));
        _byUser.TryRemove(new KeyValuePair<string, ActiveCall>(call.Record.CalleeId, call));
        call.Media.Close();
        metrics.CallEnded(reason);
        LogEnded(logger, call.Id, reason);
        try
        {
            await SaveAsync(call);
            await StopRecordingAtEndAsync(call);
            await PostCallLineAsync(call);
            var dto = call.ToDto();
            var ended = new CallEndedDto(dto, reason.ToString());
            if (reason == CallEndReason.Rejected)
            {
                await hub.Clients.User(call.Record.CallerId).callRejected(dto);
                await hub.Clients.User(call.Record.CalleeId).callEnded(ended);
            }
            else
            {
                await hub.Clients.Users([call.Record.CallerId, call.Record.CalleeId]).callEnded(ended);
            }
        }
#pragma warning disable CA1031 // Ending runs from timers and media threads: a failure is logged, the call is ended in memory regardless.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogEndFailed(logger, call.Id, ex);
        }

        return true;
    }

    /// <summary>Writes the call's state; only ever forward, so a late write cannot undo a later one.</summary>
    private async Task SaveAsync(ActiveCall call)
    {
        CallState state;
        DateTime? answered, connected, ended;
        CallEndReason? reason;
        lock (call.Gate)
        {
            state = call.Record.State;
            answered = call.Record.AnsweredAt;
            connected = call.Record.ConnectedAt;
            ended = call.Record.EndedAt;
            reason = call.Record.EndReason;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RelayDbContext>();
        await db.Calls
            .Where(c => c.Id == call.Id && c.State < state)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.State, state)
                .SetProperty(c => c.AnsweredAt, answered)
                .SetProperty(c => c.ConnectedAt, connected)
                .SetProperty(c => c.EndedAt, ended)
                .SetProperty(c => c.EndReason, reason));
    }

    /// <summary>The line every call leaves in its conversation, sent to both members like a message.</summary>
    private async Task PostCallLineAsync(ActiveCall call)
    {
        var record = call.Record;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RelayDbContext>();
        var message = new Message
        {
            ConversationId = record.ConversationId,
            SenderId = record.CallerId,
            Kind = MessageKind.Call,
            CallId = record.Id,
            Text = CallLine.Describe(record),
            SentAt = record.EndedAt ?? Now,
        };
        db.Messages.Add(message);
        await db.Conversations.Where(c => c.Id == record.ConversationId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastActivityAt, message.SentAt));
        await db.SaveChangesAsync();
        var dto = new MessageDto(message.Id, message.ConversationId, message.SenderId, call.CallerName, message.Text, message.SentAt, MessageKind.Call);
        await hub.Clients.Users([record.CallerId, record.CalleeId]).messageReceived(dto);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} ({Type}) ringing")]
    private static partial void LogInvited(ILogger logger, Guid callId, CallType type);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} ended: {Reason}")]
    private static partial void LogEnded(ILogger logger, Guid callId, CallEndReason reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: a media leg failed ({Failure})")]
    private static partial void LogLegFailed(ILogger logger, Guid callId, LegFailure? failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallId}: recording its end failed")]
    private static partial void LogEndFailed(ILogger logger, Guid callId, Exception exception);
}
