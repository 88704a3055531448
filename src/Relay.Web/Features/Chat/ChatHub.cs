using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Relay.Web.Features.Calls;

namespace Relay.Web.Features.Chat;

/// <summary>
/// The hub at /hubs/chat. Thin by design: it names the caller and hands over to the feature
/// code; <see cref="ChatRuleFilter"/> turns refused requests into readable HubExceptions.
/// </summary>
[Authorize]
public sealed class ChatHub(ChatService chat, PresenceTracker presence, EchoTests echoTests, CallManager calls) : Hub<IChatClient>
{
    public Task<MessageDto> SendMessage(string? conversationId, string? text) =>
        chat.SendAsync(CallerId, conversationId, text, Context.ConnectionAborted);

    public Task<ReadMarkDto> MarkRead(string? conversationId, long messageId) =>
        chat.MarkReadAsync(CallerId, conversationId, messageId, Context.ConnectionAborted);

    /// <summary>Starts the device check: the relay answers the browser's offer and sends its media back.</summary>
    public string StartEchoTest(string? sdp) => echoTests.Start(Context.ConnectionId, sdp);

    public void StopEchoTest() => echoTests.Stop(Context.ConnectionId);

    public Task<CallDto> CallInvite(string? conversationId, string? callType) =>
        calls.InviteAsync(CallerId, Context.ConnectionId, conversationId, callType);

    public Task<CallDto> CallAccept(string? callId) => calls.AcceptAsync(CallerId, Context.ConnectionId, callId);

    public Task CallReject(string? callId) => calls.RejectAsync(CallerId, callId);

    public Task CallHangup(string? callId) => calls.HangupAsync(CallerId, callId);

    /// <summary>The browser offers, the relay answers (ARCHITECTURE.md: routing is by call id).</summary>
    public string WebrtcOffer(string? callId, string? sdp) => calls.Offer(CallerId, Context.ConnectionId, callId, sdp);

    public CallDto ResumeCall(string? callId) => calls.ResumeCall(CallerId, Context.ConnectionId, callId);

    /// <summary>The relay does not start renegotiations yet, so there is never an offer of ours to answer.</summary>
    public void WebrtcAnswer(string? callId, string? sdp) =>
        throw new HubException("The relay has not asked to renegotiate this call.");

    public void WebrtcIceCandidate(string? callId, string? candidate) => calls.IceCandidate(CallerId, callId);

    public Task CallMediaState(string? callId, bool audioEnabled, bool videoEnabled) =>
        calls.MediaStateAsync(CallerId, callId, audioEnabled, videoEnabled);

    /// <summary>Either party starts recording the connected call (unless Recording:Mode decides).</summary>
    public Task<RecordingStateDto> CallRecordStart(string? callId) => calls.StartRecordingAsync(CallerId, callId);

    public Task<RecordingStateDto> CallRecordStop(string? callId) => calls.StopRecordingAsync(CallerId, callId);

    public override async Task OnConnectedAsync()
    {
        // One group per user, so a message can reach "all of this user's tabs but this one".
        await Groups.AddToGroupAsync(Context.ConnectionId, CallManager.UserGroup(CallerId));
        if (presence.Connected(CallerId))
        {
            await AnnouncePresenceAsync(online: true);
        }

        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        echoTests.Stop(Context.ConnectionId);
        await calls.ConnectionClosedAsync(CallerId, Context.ConnectionId, failed: exception is not null);
        if (presence.Disconnected(CallerId))
        {
            await AnnouncePresenceAsync(online: false);
        }

        await base.OnDisconnectedAsync(exception);
    }

    // [Authorize] guarantees an authenticated user, whose id claim SignalR exposes as the user identifier.
    private string CallerId => Context.UserIdentifier ?? throw new HubException("You are not signed in.");

    private async Task AnnouncePresenceAsync(bool online)
    {
        var contacts = await chat.ContactIdsAsync(CallerId);
        if (contacts.Count > 0)
        {
            await Clients.Users(contacts).presenceChanged(new PresenceDto(CallerId, Context.User?.Identity?.Name ?? "", online));
        }
    }
}
