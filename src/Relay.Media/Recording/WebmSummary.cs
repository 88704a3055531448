namespace Relay.Media.Recording;

/// <summary>What a finalised WebM file holds.</summary>
/// <param name="Duration">From the first block's time zero to the end of the last frame.</param>
/// <param name="FileSize">Octets of the finished file.</param>
/// <param name="DiscardedBytes">Octets cut off because they held no complete block: the end of a file cut by a crash.</param>
public readonly record struct WebmSummary(
    TimeSpan Duration,
    long FileSize,
    long AudioFrames,
    long VideoFrames,
    int VideoWidth,
    int VideoHeight,
    long DiscardedBytes);
