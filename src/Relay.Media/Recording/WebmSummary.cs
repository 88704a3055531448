namespace Relay.Media.Recording;

/// <summary>What a finalised WebM file holds.</summary>
/// <param name="Duration">From the file's time zero (the call clock's origin) to the end of the last frame.</param>
/// <param name="FirstFrame">When the first frame plays: where the party's media starts on the call clock.</param>
/// <param name="FileSize">Octets of the finished file.</param>
/// <param name="DiscardedBytes">Octets cut off because they held no complete block: the end of a file cut by a crash.</param>
public readonly record struct WebmSummary(
    TimeSpan Duration,
    TimeSpan FirstFrame,
    long FileSize,
    long AudioFrames,
    long VideoFrames,
    int VideoWidth,
    int VideoHeight,
    long DiscardedBytes);
