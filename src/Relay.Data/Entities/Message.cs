namespace Relay.Data.Entities;

public sealed class Message
{
    /// <summary>Monotonic per database, so it orders messages and pages history without a timestamp tie-break.</summary>
    public long Id { get; set; }

    public Guid ConversationId { get; set; }

    public Conversation Conversation { get; set; } = null!;

    public string SenderId { get; set; } = "";

    public AppUser Sender { get; set; } = null!;

    public string Text { get; set; } = "";

    public MessageKind Kind { get; set; }

    /// <summary>For <see cref="MessageKind.Call"/> lines, the call they describe.</summary>
    public Guid? CallId { get; set; }

    public DateTime SentAt { get; set; }
}
