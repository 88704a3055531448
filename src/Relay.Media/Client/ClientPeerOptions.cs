using Relay.Media.Dtls;
using Relay.Media.Transport;

namespace Relay.Media.Client;

/// <summary>How a <see cref="ClientPeer"/> presents itself; the defaults behave like Chromium.</summary>
public sealed record ClientPeerOptions
{
    /// <summary>Offer only the audio section (a voice call).</summary>
    public bool AudioOnly { get; init; }

    /// <summary>The DTLS identity; null creates one for the peer, as a browser does per PeerConnection.</summary>
    public DtlsCertificate? Certificate { get; init; }

    /// <summary>
    /// The fingerprint written into the offer; null means the certificate's own. Anything else
    /// lies, so the relay must reject our certificate (RFC 8122 §5).
    /// </summary>
    public DtlsFingerprint? AnnouncedFingerprint { get; init; }

    /// <summary>DTLS settings; null uses a private <see cref="DtlsCounters"/> so peers never share counts.</summary>
    public DtlsOptions? Dtls { get; init; }

    /// <summary>First RTP sequence number of each stream; null picks a random one (RFC 3550 §5.1). Tests set it to cross the 16-bit wrap.</summary>
    public ushort? InitialSequenceNumber { get; init; }

    /// <summary>Retransmission interval of the connectivity check (RFC 8445 §14.2 pacing, Ta = 50 ms).</summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// UDP (the default), or ICE-TCP as a browser behind a UDP-blocking firewall: an active
    /// connection (RFC 6544) to the relay's passive TCP candidate, RFC 4571 framing.
    /// </summary>
    public MediaTransport Transport { get; init; } = MediaTransport.Udp;

    /// <summary>Interval of consent checks once connected (RFC 7675 §5.1: about every 5 s; Chromium uses less).</summary>
    public TimeSpan ConsentInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Loss recovery as Chromium does it when the answer keeps nack (and rtx): a cache of sent
    /// video that answers the relay's NACKs, and NACKs for gaps in received video. The load
    /// generator may turn it off to save the cache's memory per peer.
    /// </summary>
    public bool LossRecovery { get; init; } = true;

    /// <summary>Offer Generic NACK feedback (a=rtcp-fb nack) for video, as Chromium does.</summary>
    public bool OfferNack { get; init; } = true;

    /// <summary>Offer RTX (RFC 4588) for video, as Chromium does; without it resends are plain.</summary>
    public bool OfferRtx { get; init; } = true;

    /// <summary>Fraction (0 to 1) of outgoing SRTP and SRTCP dropped before the wire: a lossy uplink.</summary>
    public double OutgoingLoss { get; init; }

    /// <summary>Fraction (0 to 1) of incoming SRTP and SRTCP dropped before processing: a lossy downlink.</summary>
    public double IncomingLoss { get; init; }

    /// <summary>Seed of the loss draws, so a lossy run can be repeated exactly.</summary>
    public int LossSeed { get; init; } = 1;
}
