namespace Relay.Media.Recovery;

/// <summary>
/// The RTX stream (RFC 4588 §4) paired with one outbound track (RFC 4588 §8.6, "ssrc-group:FID"): its SSRC,
/// the RTX payload type for each media payload type ("a=fmtp:&lt;rtx&gt; apt=&lt;media&gt;",
/// RFC 4588 §8.6), and its own sequence numbering, which continues across every resend.
/// Used only under its leg's lock.
/// </summary>
public sealed class RtxTrack(uint ssrc, ushort initialSequenceNumber)
{
    private const byte Unmapped = 0xFF;

    private readonly byte[] _rtxPayloadTypes = CreateUnmapped();
    private ushort _nextSequenceNumber = initialSequenceNumber;

    public uint Ssrc { get; } = ssrc;

    /// <summary>Declares <paramref name="rtxPayloadType"/> as the RTX type for <paramref name="mediaPayloadType"/>.</summary>
    public void MapPayloadType(byte mediaPayloadType, byte rtxPayloadType)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(mediaPayloadType, _rtxPayloadTypes.Length);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rtxPayloadType, _rtxPayloadTypes.Length);
        _rtxPayloadTypes[mediaPayloadType] = rtxPayloadType;
    }

    /// <summary>The RTX type for a media type; false when none was negotiated for it.</summary>
    public bool TryGetRtxPayloadType(byte mediaPayloadType, out byte rtxPayloadType)
    {
        rtxPayloadType = mediaPayloadType < _rtxPayloadTypes.Length ? _rtxPayloadTypes[mediaPayloadType] : Unmapped;
        return rtxPayloadType != Unmapped;
    }

    /// <summary>Takes the next RTX sequence number; wraps modulo 2^16 like any RTP sequence.</summary>
    public ushort NextSequenceNumber() => _nextSequenceNumber++;

    private static byte[] CreateUnmapped()
    {
        var table = new byte[128];
        table.AsSpan().Fill(Unmapped);
        return table;
    }
}
