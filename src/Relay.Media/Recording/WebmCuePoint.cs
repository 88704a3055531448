namespace Relay.Media.Recording;

/// <summary>A seek point: a time, a track, and its cluster's offset in the segment.</summary>
internal readonly record struct WebmCuePoint(long TimeMs, int Track, long ClusterPosition);
