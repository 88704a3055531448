using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Relay.Data;
using Relay.Data.Entities;
using Relay.Media.Sessions;
using Relay.Web.Features.Chat;
using Relay.Web.Features.Monitoring;
using Relay.Web.Features.Recordings;

using Relay.Web.Features.Quality;

namespace Relay.Web.Features.Calls;

/// <summary>
/// The server-authoritative call state machine (ARCHITECTURE.md, "Call lifecycle"):
/// Ringing → Accepted → Connected → Ended, every end with its reason and a history row.
/// Holds the live calls of this node in memory; the database holds every call.
/// </summary>
/// <remarks>
/// Each call's state changes under its own lock; database writes and hub messages happen after
/// the lock is released. Writes only move a call forward (Ringing &lt; Accepted &lt; Connected &lt;
/// Ended), so a late write can never undo an end.
/// </remarks>
public sealed partial class CallManager(
    IServiceScopeFactory scopes,
    IHubContext<ChatHub, IChatClient> hub,
    MediaRelayHost media,
    CallMetrics metrics,
    CallRecorder recorder,
    IOptions<CallOptions> options,
    TimeProvider clock,
    ILogger<CallManager> logger)
{
    private const string NotAParty = "That call does not exist, or you are not part of it.";

    private readonly ConcurrentDictionary<Guid, ActiveCall> _calls = new();
    private readonly ConcurrentDictionary<string, ActiveCall> _byUser = new(StringComparer.Ordinal);
    private bool _shuttingDown;

    /// <summary>RTP packets the relay has forwarded within a live call, or null when it is not live.</summary>
    public long? PacketsForwarded(Guid callId) => _calls.TryGetValue(callId, out var call) ? call.Media.PacketsForwarded : null;

    /// <summary>Every live call of this node, oldest first.</summary>
    public IReadOnlyList<LiveCall> LiveCalls()
    {
        var live = new List<LiveCall>(_calls.Count);
        foreach (var (_, call) in _calls)
        {
            lock (call.Gate)
            {
                var r = call.Record;
                live.Add(new LiveCall(
                    r.Id, r.Type, r.State, call.CallerName, call.CalleeName, r.CreatedAt, r.AnsweredAt, r.ConnectedAt,
                    call.Legs.TryGetValue(r.CallerId, out var callerLeg) ? LegTransport.Of(callerLeg) : null,
                    call.Legs.TryGetValue(r.CalleeId, out var calleeLeg) ? LegTransport.Of(calleeLeg) : null,
                    callerLeg is null ? null : LinkQuality.Of(callerLeg.GetQuality()),
                    calleeLeg is null ? null : LinkQuality.Of(calleeLeg.GetQuality())));
            }
        }

        live.Sort((a, b) => a.CreatedAt.CompareTo(b.CreatedAt));
        return live;
    }

    /// <summary>An administrator ends a live call for both parties; false if it is not live (any more).</summary>
    public async Task<bool> EndByAdminAsync(Guid callId)
    {
        if (!_calls.TryGetValue(callId, out var call))
        {
            return false;
        }

        return await EndAsync(call, CallEndReason.EndedByAdmin);
    }

    internal static string UserGroup(string userId) => "user:" + userId;

    public async Task<CallDto> InviteAsync(string userId, string connectionId, string? conversationId, string? callType)
    {
        var type = callType switch
        {
            "audio" => CallType.Audio,
            "video" => CallType.Video,
            _ => throw new ChatRuleException("A call is either \"audio\" or \"video\"."),
        };
        if (!Guid.TryParse(conversationId, out var id))
        {
            throw new ChatRuleException(ChatRuleException.NotAMember);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RelayDbContext>();
        var conversation = await db.Conversations
            .Where(c => c.Id == id && c.Members.Any(m => m.UserId == userId))
            .Select(c => new { c.Kind, Members = c.Members.Select(m => new { m.UserId, m.User.UserName }).ToList() })
            .SingleOrDefaultAsync()
            ?? throw new ChatRuleException(ChatRuleException.NotAMember);
        if (conversation.Kind != ConversationKind.Private)
        {
            throw new ChatRuleException("Calls can be made in private conversations only.");
        }

        var caller = conversation.Members.Single(m => m.UserId == userId);
        var callee = conversation.Members.Single(m => m.UserId != userId);
        var record = new CallRecord
        {
            Id = Guid.CreateVersion7(),
            ConversationId = id,
            CallerId = userId,
            CalleeId = callee.UserId,
            Type = type,
            State = CallState.Ringing,
            CreatedAt = Now,
        };
        var call = new ActiveCall(record, caller.UserName ?? "", callee.UserName ?? "", connectionId);
        if (!_byUser.TryAdd(userId, call))
        {
            throw new ChatRuleException("You are already in a call.");
        }

        if (!_byUser.TryAdd(callee.UserId, call))
        {
            // The callee is in another call: this one is recorded and ends at once.
            _byUser.TryRemove(new KeyValuePair<string, ActiveCall>(userId, call));
            record.State = CallState.Ended;
            record.EndedAt = record.CreatedAt;
            record.EndReason = CallEndReason.Busy;
            db.Calls.Add(record);
            await db.SaveChangesAsync();
            metrics.CallEnded(CallEndReason.Busy);
            await PostCallLineAsync(call);
            var busy = call.ToDto();
            await hub.Clients.User(userId).callEnded(new CallEndedDto(busy, nameof(CallEndReason.Busy)));
            return busy;
        }

        try
        {
            db.Calls.Add(record);
            await db.SaveChangesAsync();
        }
        catch
        {
            _byUser.TryRemove(new KeyValuePair<string, ActiveCall>(userId, call));
            _byUser.TryRemove(new KeyValuePair<string, ActiveCall>(callee.UserId, call));
            throw;
        }

        _calls[record.Id] = call;
        call.Media.LegConnectedEvent += _ => OnLegConnected(call);
        call.Media.LegEndedEvent += leg => OnLegEnded(call, leg);
        call.Timer = clock.CreateTimer(_ => OnTimer(call), null, options.Value.RingTimeout, Timeout.InfiniteTimeSpan);
        LogInvited(logger, record.Id, type);
        var dto = call.ToDto();
        await hub.Clients.User(callee.UserId).callIncoming(dto);
        return dto;
    }

    public async Task<CallDto> AcceptAsync(string userId, string connectionId, string? callId)
    {
        var call = Find(userId, callId);
        lock (call.Gate)
        {
            if (userId != call.Record.CalleeId)
            {
                throw new ChatRuleException("Only the person being called can accept.");
            }

            if (call.Record.State != CallState.Ringing)
            {
                throw new ChatRuleException(call.Record.State == CallState.Ended ? "The call has ended." : "The call was already answered.");
            }

            call.Record.State = CallState.Accepted;
            call.Record.AnsweredAt = Now;
            call.CalleeConnection = connectionId;
            call.Timer?.Change(options.Value.ConnectTimeout, Timeout.InfiniteTimeSpan);
        }

        await SaveAsync(call);
        var dto = call.ToDto();
        await hub.Clients.User(call.Record.CallerId).callAccepted(dto);
        await hub.Clients.Client(connectionId).callAccepted(dto);
        await hub.Clients.GroupExcept(UserGroup(userId), connectionId).callAnsweredElsewhere(dto);
        return dto;
    }

    public Task RejectAsync(string userId, string? callId)
    {
        var call = Find(userId, callId);
        lock (call.Gate)
        {
            if (userId != call.Record.CalleeId)
            {
                throw new ChatRuleException("Only the person being called can decline; hang up instead.");
            }

            if (call.Record.State != CallState.Ringing)
            {
                throw new ChatRuleException("The call is no longer ringing.");
            }
        }

        return EndAsync(call, CallEndReason.Rejected);
    }

    /// <summary>
    /// Ends the call for both. A call that has already ended is left as it is: both parties
    /// hanging up at once, or a tab closing as the other's hang-up arrives, is no error.
    /// </summary>
    public Task HangupAsync(string userId, string? callId)
    {
        if (Guid.TryParse(callId, out var id) && !_calls.ContainsKey(id))
        {
            return Task.CompletedTask;
        }

        var call = Find(userId, callId);
        CallEndReason reason;
        lock (call.Gate)
        {
            reason = call.Record.State == CallState.Ringing
                ? (userId == call.Record.CallerId ? CallEndReason.Cancelled : CallEndReason.Rejected)
                : CallEndReason.HungUp;
        }

        return EndAsync(call, reason);
    }

    /// <summary>A party's browser offers to the relay; the relay's answer goes back. A new offer replaces that party's leg.</summary>
    public string Offer(string userId, string connectionId, string? callId, string? sdp)
    {
        var call = Find(userId, callId);
        MediaLeg? replaced;
        MediaLeg leg;
        lock (call.Gate)
        {
            if (call.Record.State is CallState.Ringing)
            {
                throw new ChatRuleException("The call has not been answered yet.");
            }

            if (call.Record.State is CallState.Ended)
            {
                throw new ChatRuleException("The call has ended.");
            }

            if (call.ConnectionOf(userId) != connectionId)
            {
                throw new ChatRuleException("This call is in another of your windows.");
            }

            leg = media.CreateLeg(call.Media, sdp);
            call.Legs.Remove(userId, out replaced);
            call.Legs[userId] = leg;
            call.Media.Add(leg);
        }

        recorder.LegReplaced(call.Id, userId, replaced, leg);
        replaced?.Close();
        return leg.AnswerSdp;
    }

    /// <summary>Trickled candidates are accepted and not needed: an ICE-lite relay learns addresses from the checks.</summary>
    public void IceCandidate(string userId, string? callId) => Find(userId, callId);

    public async Task MediaStateAsync(string userId, string? callId, bool audioEnabled, bool videoEnabled)
    {
        var call = Find(userId, callId);
        await hub.Clients.User(call.OtherParty(userId)).callMediaState(new CallMediaStateDto(call.Id, userId, audioEnabled, videoEnabled));
    }

    /// <summary>
    /// A hub connection closed: if it carried a call, the call ends and the other party is told;
    /// but a connected call waits for its tab to come back (<see cref="ResumeCall"/>). SignalR
    /// reports a lost network and a closed tab alike (no exception for either), so the page hangs
    /// up as it goes away, and only a tab that did not is waited for.
    /// </summary>
    public Task ConnectionClosedAsync(string userId, string connectionId, bool failed)
    {
        if (!_byUser.TryGetValue(userId, out var call))
        {
            return Task.CompletedTask;
        }

        CallEndReason reason;
        lock (call.Gate)
        {
            if (connectionId != call.CallerConnection && connectionId != call.CalleeConnection)
            {
                return Task.CompletedTask;
            }

            if (AwaitReturn(call, userId))
            {
                call.SetConnection(userId, null);
                LogConnectionLost(logger, call.Id, options.Value.ReconnectGrace);
                return Task.CompletedTask;
            }

            reason = Volatile.Read(ref _shuttingDown) ? CallEndReason.ServerShutdown
                : call.Record.State == CallState.Ringing ? CallEndReason.Cancelled
                : failed ? CallEndReason.Failed
                : CallEndReason.HungUp;
        }

        return EndAsync(call, reason);
    }

    /// <summary>
    /// Graceful shutdown: every live call ends as ServerShutdown, recorded so. From here on a
    /// dropped connection is the shutdown's doing, not the user's.
    /// </summary>
    public async Task EndAllForShutdownAsync()
    {
        Volatile.Write(ref _shuttingDown, true);
        foreach (var call in _calls.Values)
        {
            await EndAsync(call, CallEndReason.ServerShutdown);
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private ActiveCall Find(string userId, string? callId) =>
        Guid.TryParse(callId, out var id) && _calls.TryGetValue(id, out var call) && call.IsParty(userId)
            ? call
            : throw new ChatRuleException(NotAParty);
}
