namespace Relay.Data.Entities;

public sealed class Conversation
{
    public Guid Id { get; set; }

    public ConversationKind Kind { get; set; }

    /// <summary>The group's name; private conversations are named after the other member.</summary>
    public string? Title { get; set; }

    /// <summary>
    /// For private conversations, the two member ids in ordinal order joined by '|'. A unique
    /// index on it makes "open the conversation with X" race-free: two tabs opening it at once
    /// cannot create two conversations.
    /// </summary>
    public string? PrivateKey { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Denormalised so the conversation list sorts without scanning messages.</summary>
    public DateTime LastActivityAt { get; set; }

    public ICollection<ConversationMember> Members { get; } = [];

    public ICollection<Message> Messages { get; } = [];

    public static string PrivateKeyFor(string userIdA, string userIdB) =>
        string.CompareOrdinal(userIdA, userIdB) < 0 ? $"{userIdA}|{userIdB}" : $"{userIdB}|{userIdA}";
}
