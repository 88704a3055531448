namespace Relay.Media.Recording;

internal enum RecordingItemKind : byte
{
    Audio,
    Video,
    SenderReport,
}

/// <summary>
/// One entry of a recording's queue: an RTP packet copied into a pooled buffer (owned by the
/// queue until the writer task takes it), or a sender report's clock pair. Arrival is call-clock ticks.
/// </summary>
internal readonly record struct RecordingItem(
    RecordingItemKind Kind,
    byte[]? Buffer,
    int Length,
    long ArrivalTicks,
    uint Ssrc = 0,
    ulong Ntp = 0,
    uint RtpTimestamp = 0);
