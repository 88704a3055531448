using Relay.Data.Entities;

namespace Relay.Web.Features.Chat;

// The shapes that cross the hub and the JSON API; the JavaScript client reads them in camelCase.

/// <param name="Kind">Text, or Call for the line a call leaves in its conversation.</param>
public sealed record MessageDto(long Id, Guid ConversationId, string SenderId, string SenderName, string Text, DateTime SentAt, MessageKind Kind = MessageKind.Text);

public sealed record MemberDto(string UserId, string UserName, bool Online, long LastReadMessageId);

public sealed record ConversationSummary(
    Guid Id,
    ConversationKind Kind,
    string Title,
    DateTime LastActivityAt,
    MessageDto? LastMessage,
    int UnreadCount,
    IReadOnlyList<MemberDto> Others);

public sealed record MessagePage(IReadOnlyList<MessageDto> Messages, bool HasMore);

public sealed record PresenceDto(string UserId, string UserName, bool Online);

public sealed record ReadMarkDto(Guid ConversationId, string UserId, long MessageId);

public sealed record UserHit(string UserId, string UserName, bool Online);
