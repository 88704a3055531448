using Relay.Web.Features.Calls;
using Relay.Web.Features.Quality;

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

    /// <summary>Rings every tab of the callee.</summary>
    Task callIncoming(CallDto details);

    /// <summary>To the caller, and to the callee's tab that accepted.</summary>
    Task callAccepted(CallDto details);

    /// <summary>To the caller when the callee declines.</summary>
    Task callRejected(CallDto details);

    Task callEnded(CallEndedDto ended);

    /// <summary>To the callee's other tabs: stop ringing.</summary>
    Task callAnsweredElsewhere(CallDto details);

    /// <summary>The other party muted or turned the camera off (or back on).</summary>
    Task callMediaState(CallMediaStateDto state);

    /// <summary>To both parties: the call is being recorded (show the indicator and a notice).</summary>
    Task recordingStarted(RecordingStateDto state);

    /// <summary>To both parties: the recording stopped (hide the indicator).</summary>
    Task recordingStopped(RecordingStateDto state);

    /// <summary>Every couple of seconds in a connected call: your link and the other party's.</summary>
    Task callQuality(CallQualityDto quality);
}
#pragma warning restore IDE1006
