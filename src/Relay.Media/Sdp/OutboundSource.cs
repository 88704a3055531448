namespace Relay.Media.Sdp;

/// <summary>
/// A stream the relay will send on one media section: its SSRC (and RTX SSRC), and the
/// MediaStream/track ids the browser should route it to. Announced with a=msid and a=ssrc
/// (RFC 8830 §2, RFC 5576 §4.1) because forwarded packets may lack the mid header
/// extension (MEDIA-NOTES pitfall 6).
/// </summary>
public sealed record OutboundSource(uint Ssrc, string StreamId, string TrackId)
{
    /// <summary>The SSRC of RTX retransmissions (RFC 4588), announced as an FID group when RTX is negotiated.</summary>
    public uint? RtxSsrc { get; init; }
}
