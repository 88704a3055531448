namespace Relay.Media.Rtcp;

/// <summary>
/// Picture Loss Indication (RFC 4585 §6.3.1): PSFB with FMT 1 and no FCI. The receiver of
/// <see cref="MediaSsrc"/> lost picture data and asks its sender for a key frame.
/// </summary>
public readonly ref struct PliPacket
{
    /// <summary>A PLI is always header + two SSRCs.</summary>
    public const int Size = RtcpFeedback.FciOffset;

    private readonly ReadOnlySpan<byte> _packet;

    private PliPacket(ReadOnlySpan<byte> packet) => _packet = packet;

    public uint SenderSsrc => RtcpFeedback.ReadSenderSsrc(_packet);

    public uint MediaSsrc => RtcpFeedback.ReadMediaSsrc(_packet);

    public static bool TryParse(ReadOnlySpan<byte> data, out PliPacket packet)
    {
        packet = default;
        if (!RtcpFeedback.TryParse(
                data, RtcpPacketType.PayloadFeedback, RtcpFeedbackFormat.PictureLossIndication, out var header, out _))
        {
            return false;
        }

        // RFC 4585 §6.3.1: "PLI does not require parameters"; extra FCI bytes are tolerated.
        packet = new PliPacket(header.Packet);
        return true;
    }
}

/// <summary>Writes a PLI (RFC 4585 §6.3.1).</summary>
public readonly struct PliWriter(uint senderSsrc, uint mediaSsrc) : IRtcpWriter
{
    public int Size => PliPacket.Size;

    public bool TryWriteTo(Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < Size)
        {
            return false;
        }

        RtcpFeedback.WriteHeader(
            destination, RtcpPacketType.PayloadFeedback, RtcpFeedbackFormat.PictureLossIndication, Size, senderSsrc, mediaSsrc);
        written = Size;
        return true;
    }
}
