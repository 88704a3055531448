namespace Relay.Data.Entities;

public sealed class ConversationMember
{
    public Guid ConversationId { get; set; }

    public Conversation Conversation { get; set; } = null!;

    public string UserId { get; set; } = "";

    public AppUser User { get; set; } = null!;

    public DateTime JoinedAt { get; set; }

    /// <summary>The newest message this member has read; only ever moves forward.</summary>
    public long LastReadMessageId { get; set; }
}
