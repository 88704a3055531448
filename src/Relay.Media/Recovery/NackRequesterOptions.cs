namespace Relay.Media.Recovery;

/// <summary>The limits of a <see cref="NackRequester"/>; the defaults follow libwebrtc's NackRequester.</summary>
public sealed record NackRequesterOptions
{
    /// <summary>
    /// Time between two requests for one packet: about a round trip, or the answer to the last
    /// request could not have arrived yet. WebRTC's 100 ms default RTT when none is measured.
    /// </summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Requests per packet before giving up (libwebrtc's kMaxNackRetries).</summary>
    public int MaxRetries { get; init; } = 10;

    /// <summary>Gaps tracked at once; at most <see cref="NackRequester.Window"/>.</summary>
    public int MaxMissing { get; init; } = 256;

    /// <summary>Shortest time between two NACKs for the stream: caps the feedback rate under heavy loss.</summary>
    public TimeSpan MinNackInterval { get; init; } = TimeSpan.FromMilliseconds(10);
}
