namespace Relay.Web.Features.Recordings;

/// <summary>The "Recording" configuration section.</summary>
public sealed class RecordingSettings
{
    public const string SectionName = "Recording";

    public RecordingMode Mode { get; set; } = RecordingMode.Optional;

    /// <summary>Recordings older than this many days are deleted, file and row; 0 keeps them for ever.</summary>
    public int RetentionDays { get; set; } = 30;
}
