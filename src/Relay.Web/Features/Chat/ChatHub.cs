using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Relay.Web.Features.Calls;

namespace Relay.Web.Features.Chat;

/// <summary>
/// The hub at /hubs/chat. Thin by design: it names the caller and hands over to the feature
/// code; <see cref="ChatRuleFilter"/> turns refused requests into readable HubExceptions.
/// </summary>
[Authorize]
public sealed class ChatHub(ChatService chat, PresenceTracker presence, EchoTests echoTests) : Hub<IChatClient>
{
    public Task<MessageDto> SendMessage(string? conversationId, string? text) =>
        chat.SendAsync(CallerId, conversationId, text, Context.ConnectionAborted);

    public Task<ReadMarkDto> MarkRead(string? conversationId, long messageId) =>
        chat.MarkReadAsync(CallerId, conversationId, messageId, Context.ConnectionAborted);

    /// <summary>Starts the device check: the relay answers the browser's offer and sends its media back.</summary>
    public string StartEchoTest(string? sdp) => echoTests.Start(Context.ConnectionId, sdp);

    public void StopEchoTest() => echoTests.Stop(Context.ConnectionId);

    public override async Task OnConnectedAsync()
    {
        if (presence.Connected(CallerId))
        {
            await AnnouncePresenceAsync(online: true);
        }

        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        echoTests.Stop(Context.ConnectionId);
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
