using Relay.Data;

namespace Relay.Web.Features.Chat;

/// <summary>The "Chat" configuration section.</summary>
public sealed class ChatOptions
{
    public const string SectionName = "Chat";

    /// <summary>Characters (UTF-16 code units) a message may have; capped by the column size.</summary>
    public int MaxMessageLength { get; set; } = 4000;

    public int HistoryPageSize { get; set; } = 50;

    /// <summary>Messages a user may send at once before the sustained rate applies.</summary>
    public int RateLimitBurst { get; set; } = 10;

    /// <summary>Sustained messages per second per user, across all of their tabs.</summary>
    public int RateLimitPerSecond { get; set; } = 2;

    public int MaxGroupMembers { get; set; } = 50;

    internal void Validate()
    {
        if (MaxMessageLength is < 1 or > DataLimits.MessageTextLength)
        {
            throw new InvalidOperationException($"Chat:MaxMessageLength must be between 1 and {DataLimits.MessageTextLength}.");
        }

        if (HistoryPageSize < 1 || RateLimitBurst < 1 || RateLimitPerSecond < 1 || MaxGroupMembers < 2)
        {
            throw new InvalidOperationException("Chat:HistoryPageSize, RateLimitBurst and RateLimitPerSecond must be positive and MaxGroupMembers at least 2.");
        }
    }
}
