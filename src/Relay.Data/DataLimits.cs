namespace Relay.Data;

/// <summary>Column sizes. The configured message limit (Chat:MaxMessageLength) may be lower, never higher.</summary>
public static class DataLimits
{
    public const int MessageTextLength = 8000;

    public const int ConversationTitleLength = 100;

    public const int RecordingPathLength = 400;

    public const int RecordingFailureLength = 500;
}
