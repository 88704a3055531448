namespace Relay.Data.Entities;

/// <summary>One call, whatever its end: every call leaves this row (the call history).</summary>
public sealed class CallRecord
{
    public Guid Id { get; set; }

    public Guid ConversationId { get; set; }

    public Conversation Conversation { get; set; } = null!;

    public string CallerId { get; set; } = "";

    public AppUser Caller { get; set; } = null!;

    public string CalleeId { get; set; } = "";

    public AppUser Callee { get; set; } = null!;

    public CallType Type { get; set; }

    public CallState State { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? AnsweredAt { get; set; }

    /// <summary>When media flowed from both legs; the call's duration counts from here.</summary>
    public DateTime? ConnectedAt { get; set; }

    public DateTime? EndedAt { get; set; }

    public CallEndReason? EndReason { get; set; }
}
