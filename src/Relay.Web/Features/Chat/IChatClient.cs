namespace Relay.Web.Features.Chat;

/// <summary>
/// Server → client events of the hub at /hubs/chat (ARCHITECTURE.md, "Signaling contract").
/// A strongly typed hub sends each method's name as the event name, and the .NET client matches
/// names exactly, so the methods carry the contract's camelCase names.
/// </summary>
#pragma warning disable IDE1006 // Naming: these are wire names.
public interface IChatClient
{
    Task messageReceived(MessageDto message);

    Task presenceChanged(PresenceDto presence);

    /// <summary>A member's read mark moved; drives unread counts in other tabs and "Seen" for the sender.</summary>
    Task readMarked(ReadMarkDto mark);

    /// <summary>The user was added to a conversation (a new group); the client reloads its list.</summary>
    Task conversationAdded(Guid conversationId);
}
#pragma warning restore IDE1006
