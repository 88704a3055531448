using Relay.Media.Rtcp;
using Relay.Media.Rtp;

namespace Relay.Media.Sessions;

/// <summary>
/// A call's router: every leg's media goes to every other leg, or, in an echo test, back to the
/// leg that sent it. Key frames: when a leg connects it asks the senders for one, and a
/// receiver's PLI or FIR is passed to the sender, rate-limited (MEDIA-NOTES pitfall 7).
/// </summary>
public sealed partial class MediaSession : IMediaRouter
{
    private readonly Lock _gate = new();
    private MediaLeg[] _legs = [];

    /// <param name="echo">Send each leg its own media back (the pre-call device test).</param>
    public MediaSession(bool echo = false) => Echo = echo;

    public bool Echo { get; }

    public IReadOnlyList<MediaLeg> Legs => Volatile.Read(ref _legs);

    /// <summary>RTP packets this session's legs have been sent by the relay (the call's own counter).</summary>
    public long PacketsForwarded
    {
        get
        {
            long total = 0;
            foreach (var leg in Volatile.Read(ref _legs))
            {
                total += (leg.AudioOut?.PacketsSent ?? 0) + (leg.VideoOut?.PacketsSent ?? 0);
            }

            return total;
        }
    }

    /// <summary>Raised when a leg ends (closed or failed), on the thread that ended it.</summary>
    public event Action<MediaLeg>? LegEndedEvent;

    /// <summary>Raised when a leg's DTLS completes and media can flow, on the handshake thread.</summary>
    public event Action<MediaLeg>? LegConnectedEvent;

    public void Add(MediaLeg leg)
    {
        lock (_gate)
        {
            _legs = [.. _legs, leg];
        }
    }

    public void RouteRtp(MediaLeg from, MediaKind kind, Span<byte> packet)
    {
        var media = kind == MediaKind.Audio ? from.Audio : from.Video;
        if (media is null)
        {
            return;
        }

        // Each forward rewrites SSRC, sequence and payload type in this one buffer, so the
        // source's own values are read once, before the first receiver's rewrite.
        if (!RtpPacket.TryParse(packet, out var header))
        {
            return;
        }

        Record(from, kind, packet);
        var vp8 = string.Equals(media.Codec, "VP8", StringComparison.OrdinalIgnoreCase) ? Vp8Indices.Read(header.Payload) : Vp8Indices.None;
        var source = new ForwardedRtp(header.Ssrc, header.SequenceNumber, header.Timestamp, vp8);
        var transportSequenceOffset = TransportWideSequence.FindOffset(packet, media.TransportWideCcExtensionId);
        var legs = Volatile.Read(ref _legs);
        foreach (var to in legs)
        {
            if (to != from || Echo)
            {
                to.ForwardRtp(kind, packet, media.Codec, source, transportSequenceOffset);
            }
        }
    }

    public void LegConnected(MediaLeg leg)
    {
        LegConnectedEvent?.Invoke(leg);
        RequestKeyFrames(leg);
    }

    public void LegEnded(MediaLeg leg)
    {
        lock (_gate)
        {
            _legs = Array.FindAll(_legs, l => l != leg);
        }

        LegEndedEvent?.Invoke(leg);
    }

    /// <summary>Ends every leg of the session.</summary>
    public void Close()
    {
        foreach (var leg in Volatile.Read(ref _legs))
        {
            leg.Close();
        }
    }
}
