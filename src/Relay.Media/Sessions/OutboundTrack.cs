using Relay.Media.Quality;
using Relay.Media.Rtp;

namespace Relay.Media.Sessions;

/// <summary>
/// One stream the relay sends to a leg: the SSRC we announced in that leg's answer, carrying
/// whichever source currently feeds it. Forwarded packets take this SSRC, and a sequence, RTP
/// timestamps and VP8 PictureID / TL0PICIDX that stay continuous when the source changes (a
/// party's browser offering again after a dropout, a restarted track). The receiver sees one
/// stream going on: a new sender's numbering, up to half its range behind what was decoded, would
/// read as old frames, which libwebrtc drops, and the picture froze (a resumed call's callee
/// decoded nothing). The first source's timestamps pass through unchanged; its sender reports,
/// relayed with our SSRC through <see cref="ToTrackTimestamp"/>, keep lip sync.
/// Used only under its leg's lock.
/// </summary>
public sealed class OutboundTrack(MediaKind kind, uint ssrc, int clockRate)
{
    private const int PictureIdRange = 1 << 15;

    /// <summary>How far the timestamps of a new source start after the last one's: one 20 ms packet.</summary>
    private readonly uint _switchStep = (uint)(clockRate / 50);

    private uint _source;
    private bool _hasSource;
    private ushort _sequenceOffset;
    private ushort _highestSequence;
    private uint _timestampOffset;
    private uint _highestTimestamp;
    private int _pictureIdOffset;
    private int _lastPictureId = -1;
    private int _tl0PicIdxOffset;
    private int _lastTl0PicIdx = -1;
    private bool _renumberPictureIds;
    private bool _renumberTl0PicIdx;

    public MediaKind Kind { get; } = kind;

    public uint Ssrc { get; } = ssrc;

    /// <summary>What was sent on this stream and what the browser reports of it.</summary>
    public OutboundStatistics Statistics { get; } = new(clockRate);

    /// <summary>The source SSRC whose packets this stream carries now.</summary>
    public uint Source => _source;

    public bool HasSource => _hasSource;

    public long PacketsSent { get; private set; }

    public long OctetsSent { get; private set; }

    /// <summary>
    /// Rewrites a plaintext packet in place for this stream: SSRC, sequence, timestamp, payload
    /// type, and a VP8 packet's PictureID and TL0PICIDX.
    /// </summary>
    internal void Rewrite(Span<byte> packet, in ForwardedRtp source, byte payloadType, int payloadOffset, int payloadLength)
    {
        if (!_hasSource || source.Ssrc != _source)
        {
            // Continue right after the last sequence we sent, whatever the new source's numbering.
            _sequenceOffset = (ushort)(_highestSequence + 1 - source.Sequence);
            if (_hasSource)
            {
                _timestampOffset = _highestTimestamp + _switchStep - source.Timestamp;
                _renumberPictureIds = _lastPictureId >= 0;
                _renumberTl0PicIdx = _lastTl0PicIdx >= 0;
            }

            _source = source.Ssrc;
            _hasSource = true;
        }

        var sequence = (ushort)(source.Sequence + _sequenceOffset);
        var timestamp = source.Timestamp + _timestampOffset;
        RtpHeaderRewriter.SetSsrc(packet, Ssrc);
        RtpHeaderRewriter.SetSequenceNumber(packet, sequence);
        RtpHeaderRewriter.SetTimestamp(packet, timestamp);
        RtpHeaderRewriter.SetPayloadType(packet, payloadType);
        if (PacketsSent == 0 || (short)(sequence - _highestSequence) > 0)
        {
            _highestSequence = sequence;
        }

        if (PacketsSent == 0 || (int)(timestamp - _highestTimestamp) > 0)
        {
            _highestTimestamp = timestamp;
        }

        RenumberVp8(packet[payloadOffset..], source.Vp8);
        PacketsSent++;
        OctetsSent += payloadLength;
    }

    /// <summary>A sender report's RTP timestamp on this stream's timeline (the current source's offset applied).</summary>
    public uint ToTrackTimestamp(uint sourceTimestamp) => sourceTimestamp + _timestampOffset;

    private void RenumberVp8(Span<byte> payload, in Vp8Indices vp8)
    {
        if (vp8.PictureId >= 0)
        {
            if (_renumberPictureIds)
            {
                _pictureIdOffset = _lastPictureId + 1 - vp8.PictureId;
                _renumberPictureIds = false;
            }

            // Modulo the 15-bit range; a 7-bit field keeps the low 7 bits, which RFC 7741 allows.
            var pictureId = (((vp8.PictureId + _pictureIdOffset) % PictureIdRange) + PictureIdRange) % PictureIdRange;
            vp8.WritePictureId(payload, pictureId);
            _lastPictureId = vp8.LongPictureId ? pictureId : pictureId & 0x7F;
        }

        if (vp8.Tl0PicIdx >= 0)
        {
            if (_renumberTl0PicIdx)
            {
                _tl0PicIdxOffset = _lastTl0PicIdx + 1 - vp8.Tl0PicIdx;
                _renumberTl0PicIdx = false;
            }

            var tl0PicIdx = (byte)(vp8.Tl0PicIdx + _tl0PicIdxOffset);
            payload[vp8.Tl0PicIdxOffset] = tl0PicIdx;
            _lastTl0PicIdx = tl0PicIdx;
        }
    }

    /// <summary>
    /// Maps a sequence number of this stream (as a receiver's NACK names it) back to the current
    /// source's numbering, for NACKs forwarded to the sender.
    /// </summary>
    public ushort ToSourceSequence(ushort sequence) => (ushort)(sequence - _sequenceOffset);
}
