using Relay.Media.Quality;
using Relay.Media.Rtp;

namespace Relay.Media.Sessions;

/// <summary>
/// One stream the relay sends to a leg: the SSRC we announced in that leg's answer, carrying
/// whichever source currently feeds it. Forwarded packets take this SSRC and a sequence that
/// stays continuous when the source changes (a new sender, a restarted track), so the
/// receiver never sees a jump it would count as loss. Timestamps pass through: they are the
/// sender's clock, and its sender reports (relayed with our SSRC) keep lip sync.
/// Used only under its leg's lock.
/// </summary>
public sealed class OutboundTrack(MediaKind kind, uint ssrc, int clockRate)
{
    private uint _source;
    private bool _hasSource;
    private ushort _sequenceOffset;
    private ushort _highestSequence;

    public MediaKind Kind { get; } = kind;

    public uint Ssrc { get; } = ssrc;

    /// <summary>What was sent on this stream and what the browser reports of it.</summary>
    public OutboundStatistics Statistics { get; } = new(clockRate);

    /// <summary>The source SSRC whose packets this stream carries now.</summary>
    public uint Source => _source;

    public bool HasSource => _hasSource;

    public long PacketsSent { get; private set; }

    public long OctetsSent { get; private set; }

    /// <summary>Rewrites a plaintext packet in place for this stream: SSRC, sequence, payload type.</summary>
    public void Rewrite(Span<byte> packet, ushort sourceSequence, uint sourceSsrc, byte payloadType, int payloadLength)
    {
        if (!_hasSource || sourceSsrc != _source)
        {
            // Continue right after the last sequence we sent, whatever the new source's numbering.
            _sequenceOffset = (ushort)(_highestSequence + 1 - sourceSequence);
            _source = sourceSsrc;
            _hasSource = true;
        }

        var sequence = (ushort)(sourceSequence + _sequenceOffset);
        RtpHeaderRewriter.SetSsrc(packet, Ssrc);
        RtpHeaderRewriter.SetSequenceNumber(packet, sequence);
        RtpHeaderRewriter.SetPayloadType(packet, payloadType);
        if (PacketsSent == 0 || (short)(sequence - _highestSequence) > 0)
        {
            _highestSequence = sequence;
        }

        PacketsSent++;
        OctetsSent += payloadLength;
    }

    /// <summary>
    /// Maps a sequence number of this stream (as a receiver's NACK names it) back to the current
    /// source's numbering, for NACKs forwarded to the sender.
    /// </summary>
    public ushort ToSourceSequence(ushort sequence) => (ushort)(sequence - _sequenceOffset);
}
